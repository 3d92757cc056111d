package io.actortrading.integration;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One line of the replay output, read back (DESIGN.md §7). */
record ReplayedBar(String symbol, String timeframe, Instant start, Instant end, double open, double high, double low,
                   double close, double volume, double vwap, long trades, JsonNode indicators, JsonNode features) {

    static ReplayedBar of(JsonNode line) {
        return new ReplayedBar(line.path("symbol").asText(), line.path("timeframe").asText(),
                Instant.parse(line.path("start").asText()), Instant.parse(line.path("end").asText()),
                line.path("open").asDouble(), line.path("high").asDouble(), line.path("low").asDouble(),
                line.path("close").asDouble(), line.path("volume").asDouble(), line.path("vwap").asDouble(),
                line.path("trades").asLong(), line.path("indicators"), line.path("features"));
    }

    boolean hasFeatures() {
        return features.isArray();
    }

    /** The indicator's value, NaN while it is warming up (null in the line). */
    double indicator(String name) {
        JsonNode value = indicators.path(name);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    double feature(int index) {
        return features.path(index).asDouble();
    }
}
