package io.actortrading.node.redis;

import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.node.symbol.SymbolActor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names and encodings of everything the node writes to Redis: the contract with dashboards and
 * other services (the README's "Redis key layout" repeats it). Numbers are written as Java prints a
 * double ({@code 101.25}, {@code 1.0E-4}, {@code NaN} for an indicator that is not warm yet), times as
 * epoch milliseconds UTC, so every field parses with a plain number parser.
 */
public final class HotDataLayout {

    /** The only timeframe kept in Redis: the others are derived from it by any consumer. */
    public static final String TIMEFRAME = "1m";

    private static final String TRUE = "1";
    private static final String FALSE = "0";

    private final String prefix;

    public HotDataLayout(String prefix) {
        this.prefix = prefix;
    }

    /** Hash: the symbol's latest closed 1-minute bar, its indicators and feature vector. */
    public String latestKey(String symbol) {
        return prefix + "latest:" + symbol;
    }

    /** Sorted set: the symbol's recent 1-minute bars, scored by start (epoch ms), members {@link #barMember}. */
    public String barsKey(String symbol) {
        return prefix + "bars:" + TIMEFRAME + ":" + symbol;
    }

    /** Stream: every trade routed through the node, fields {@link #tickFields}. */
    public String ticksStream() {
        return prefix + "ticks";
    }

    /** Stream: one entry per closed (or revised) 1-minute bar, fields {@link #aggMinuteFields}. */
    public String aggMinuteStream() {
        return prefix + "agg_minute";
    }

    /**
     * A trade as stream fields, alternating names and values: symbol, price, size, ts, source, then
     * trade_id, seq and exchange when the provider identified the trade.
     */
    public static Object[] tickFields(Tick tick) {
        int fields = 5 + (tick.tradeId() != null ? 1 : 0) + (tick.sequence() != Tick.NO_SEQUENCE ? 1 : 0)
                + (tick.exchange() != 0 ? 1 : 0);
        Object[] out = new Object[fields * 2];
        int i = 0;
        out[i++] = "symbol";
        out[i++] = tick.symbol();
        out[i++] = "price";
        out[i++] = Double.toString(tick.price());
        out[i++] = "size";
        out[i++] = Double.toString(tick.size());
        out[i++] = "ts";
        out[i++] = Long.toString(tick.timestamp());
        out[i++] = "source";
        out[i++] = tick.source();
        if (tick.tradeId() != null) {
            out[i++] = "trade_id";
            out[i++] = tick.tradeId();
        }
        if (tick.sequence() != Tick.NO_SEQUENCE) {
            out[i++] = "seq";
            out[i++] = Long.toString(tick.sequence());
        }
        if (tick.exchange() != 0) {
            out[i++] = "exchange";
            out[i++] = Integer.toString(tick.exchange());
        }
        return out;
    }

    /**
     * The latest hash's fields: the bar's (symbol, timeframe, start, end, open, high, low, close, volume,
     * vwap, trades, source), one per indicator under its name ({@link IndicatorSet#NAMES}), then, once the
     * symbol has 50 bars, {@code features} (a JSON array of the 12 values in the model's order) and
     * {@code featuresAt} (the start of the bar they were computed at); {@code updatedAt} is the write time.
     */
    public static Map<String, String> latestFields(SymbolActor.BarUpdate update, long nowMillis) {
        Map<String, String> fields = new LinkedHashMap<>();
        barFields(update.bar(), fields);
        List<String> names = IndicatorSet.NAMES;
        double[] indicators = update.indicators();
        for (int i = 0; i < names.size() && i < indicators.length; i++) {
            fields.put(names.get(i), Double.toString(indicators[i]));
        }
        double[] features = update.features();
        if (features != null) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < features.length; i++) {
                json.append(i == 0 ? "" : ",").append(features[i]);
            }
            fields.put("features", json.append(']').toString());
            fields.put("featuresAt", Long.toString(update.bar().start()));
        }
        fields.put("updatedAt", Long.toString(nowMillis));
        return fields;
    }

    /** The agg_minute stream entry of a bar: the bar's fields and {@code revision} (1 when it replaces one). */
    public static Map<String, String> aggMinuteFields(SymbolActor.BarUpdate update) {
        Map<String, String> fields = new LinkedHashMap<>();
        barFields(update.bar(), fields);
        fields.put("revision", update.revision() ? TRUE : FALSE);
        return fields;
    }

    /**
     * A bar as a member of the bars sorted set: compact JSON with start, end, open, high, low, close,
     * volume, vwap, trades and source (the symbol is in the key).
     */
    public static String barMember(Bar bar) {
        return new StringBuilder(192)
                .append("{\"start\":").append(bar.start())
                .append(",\"end\":").append(bar.end())
                .append(",\"open\":").append(bar.open())
                .append(",\"high\":").append(bar.high())
                .append(",\"low\":").append(bar.low())
                .append(",\"close\":").append(bar.close())
                .append(",\"volume\":").append(bar.volume())
                .append(",\"vwap\":").append(bar.vwap())
                .append(",\"trades\":").append(bar.trades())
                .append(",\"source\":\"").append(jsonEscaped(bar.source())).append("\"}")
                .toString();
    }

    private static void barFields(Bar bar, Map<String, String> fields) {
        fields.put("symbol", bar.symbol());
        fields.put("timeframe", bar.timeframe().label());
        fields.put("start", Long.toString(bar.start()));
        fields.put("end", Long.toString(bar.end()));
        fields.put("open", Double.toString(bar.open()));
        fields.put("high", Double.toString(bar.high()));
        fields.put("low", Double.toString(bar.low()));
        fields.put("close", Double.toString(bar.close()));
        fields.put("volume", Double.toString(bar.volume()));
        fields.put("vwap", Double.toString(bar.vwap()));
        fields.put("trades", Long.toString(bar.trades()));
        fields.put("source", bar.source());
    }

    private static String jsonEscaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
