package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How values from a node's JSON are written into table cells: absent and null become {@code -}. */
final class Cells {

    /** Beyond this, fixed notation turns into a wall of digits (features clamp infinities to Double.MAX_VALUE). */
    private static final double FIXED_NOTATION_LIMIT = 1e15;
    /** Prices and indicator values carry at most this many decimals in a table; --json has the exact numbers. */
    private static final int MAX_DECIMALS = 6;

    private Cells() {
    }

    static boolean absent(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull();
    }

    static String text(JsonNode value) {
        return absent(value) ? TableRenderer.ABSENT : value.asText();
    }

    static String number(JsonNode value) {
        if (absent(value)) {
            return TableRenderer.ABSENT;
        }
        if (!value.isNumber()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return decimal(value.doubleValue());
    }

    static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= FIXED_NOTATION_LIMIT || (magnitude > 0 && magnitude < Math.pow(10, -MAX_DECIMALS))) {
            return Double.toString(value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** A fraction 0..1 as a percentage with two decimals: 0.0018 is {@code 0.18%}. */
    static String percent(JsonNode fraction) {
        if (absent(fraction) || !fraction.isNumber()) {
            return TableRenderer.ABSENT;
        }
        return String.format(Locale.ROOT, "%.2f%%", fraction.doubleValue() * 100.0);
    }

    /** A JSON array of strings as {@code a,b}. */
    static String list(JsonNode values) {
        if (absent(values) || !values.isArray() || values.isEmpty()) {
            return TableRenderer.ABSENT;
        }
        List<String> items = new ArrayList<>();
        values.forEach(v -> items.add(v.asText()));
        return String.join(",", items);
    }

    /** A JSON object of named values as {@code name=value name=value}. */
    static String pairs(JsonNode object) {
        if (absent(object) || !object.isObject() || object.isEmpty()) {
            return TableRenderer.ABSENT;
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            items.add(field.getKey() + "=" + (field.getValue().isNumber() ? number(field.getValue()) : text(field.getValue())));
        }
        return String.join(" ", items);
    }

    /** An age in milliseconds as people read it: {@code 12ms}, {@code 1.5s}, {@code 2m05s}, {@code 1h02m}. */
    static String age(JsonNode millis) {
        if (absent(millis) || !millis.isNumber()) {
            return TableRenderer.ABSENT;
        }
        long ms = millis.longValue();
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1_000.0);
        }
        long seconds = ms / 1_000;
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3_600, (seconds % 3_600) / 60);
    }
}
