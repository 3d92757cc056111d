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

    /** Stream: every trade routed through the node, appended by {@link #APPEND_TICKS}. */
    public String ticksStream() {
        return prefix + "ticks";
    }

    /** Stream: one entry per closed (or revised) 1-minute bar, fields {@link #aggMinuteFields}. */
    public String aggMinuteStream() {
        return prefix + "agg_minute";
    }

    /** Values per trade in the arguments of {@link #APPEND_TICKS}. */
    public static final int TICK_ARGS = 8;

    /**
     * Appends a batch of trades to the ticks stream in one command (KEYS[1] the stream, ARGV[1] its
     * approximate maximum length, then {@link #TICK_ARGS} values per trade from {@link #addTickArgs}), so a
     * batch costs one round of encoding instead of one command per trade. Each entry has the fields
     * symbol, price, size, ts and source, then trade_id, seq and exchange where the provider gave them.
     * Answers the number of entries added.
     */
    public static final String APPEND_TICKS = """
            local optional = {'trade_id', 'seq', 'exchange'}
            local added = 0
            for i = 2, #ARGV, 8 do
              local entry = {'symbol', ARGV[i], 'price', ARGV[i + 1], 'size', ARGV[i + 2], 'ts', ARGV[i + 3],
                             'source', ARGV[i + 4]}
              for k = 1, 3 do
                local value = ARGV[i + 4 + k]
                if value ~= '' then
                  entry[#entry + 1] = optional[k]
                  entry[#entry + 1] = value
                end
              end
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(entry))
              added = added + 1
            end
            return added
            """;

    /** A trade's {@link #TICK_ARGS} values for {@link #APPEND_TICKS}; an empty string where the provider gave none. */
    public static void addTickArgs(Tick tick, List<String> args) {
        args.add(tick.symbol());
        args.add(Double.toString(tick.price()));
        args.add(Double.toString(tick.size()));
        args.add(Long.toString(tick.timestamp()));
        args.add(tick.source());
        args.add(tick.tradeId() == null ? "" : tick.tradeId());
        args.add(tick.sequence() == Tick.NO_SEQUENCE ? "" : Long.toString(tick.sequence()));
        args.add(tick.exchange() == 0 ? "" : Integer.toString(tick.exchange()));
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
