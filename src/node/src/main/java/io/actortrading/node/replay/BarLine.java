package io.actortrading.node.replay;

import io.actortrading.market.Bar;
import io.actortrading.market.indicators.IndicatorSet;
import io.actortrading.node.symbol.SymbolActor;

import java.time.Instant;
import java.util.List;

/**
 * One closed bar as the replay output line of DESIGN.md §7. Written by hand rather than by a JSON
 * library so that field order and number spelling are fixed: the same input must give the same bytes.
 */
final class BarLine {

    private BarLine() {
    }

    static void append(SymbolActor.BarUpdate update, StringBuilder out) {
        Bar bar = update.bar();
        out.append('{');
        string(out, "symbol", bar.symbol()).append(',');
        string(out, "timeframe", bar.timeframe().label()).append(',');
        string(out, "start", Instant.ofEpochMilli(bar.start()).toString()).append(',');
        string(out, "end", Instant.ofEpochMilli(bar.end()).toString()).append(',');
        number(out, "open", bar.open()).append(',');
        number(out, "high", bar.high()).append(',');
        number(out, "low", bar.low()).append(',');
        number(out, "close", bar.close()).append(',');
        number(out, "volume", bar.volume()).append(',');
        number(out, "vwap", bar.vwap()).append(',');
        out.append("\"trades\":").append(bar.trades()).append(',');
        out.append("\"indicators\":{");
        List<String> names = IndicatorSet.NAMES;
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            number(out, names.get(i), update.indicators()[i]);
        }
        out.append("},\"features\":");
        double[] features = update.features();
        if (features == null) {
            out.append("null");
        } else {
            out.append('[');
            for (int i = 0; i < features.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, features[i]);
            }
            out.append(']');
        }
        out.append('}');
    }

    private static StringBuilder string(StringBuilder out, String name, String value) {
        return out.append('"').append(name).append("\":\"").append(value).append('"');
    }

    private static StringBuilder number(StringBuilder out, String name, double value) {
        out.append('"').append(name).append("\":");
        return value(out, value);
    }

    /** Shortest round-trip spelling; NaN (not warm yet) is null, as JSON has no NaN. */
    private static StringBuilder value(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            return out.append("null");
        }
        if (Double.isInfinite(value)) {
            return out.append(value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
        }
        return out.append(value);
    }
}
