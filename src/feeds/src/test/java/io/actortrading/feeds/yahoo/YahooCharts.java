package io.actortrading.feeds.yahoo;

import java.util.List;
import java.util.stream.Collectors;

/** Yahoo chart v8 answers in the documented shape, built for tests that need minutes of their own. */
public final class YahooCharts {

    private YahooCharts() {
    }

    /** One one-minute bar per start (epoch milliseconds, minute-aligned), prices rising by a cent a minute. */
    public static String chart(String yahooSymbol, List<Long> startMillis) {
        String timestamps = startMillis.stream().map(t -> Long.toString(t / 1000)).collect(Collectors.joining(","));
        String open = prices(startMillis, 0.0);
        String high = prices(startMillis, 0.05);
        String low = prices(startMillis, -0.05);
        String close = prices(startMillis, 0.02);
        String volume = startMillis.stream().map(t -> "1000").collect(Collectors.joining(","));
        return "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"USD\",\"symbol\":\"" + yahooSymbol
                + "\",\"exchangeName\":\"NMS\",\"instrumentType\":\"EQUITY\",\"dataGranularity\":\"1m\"},"
                + "\"timestamp\":[" + timestamps + "],\"indicators\":{\"quote\":[{\"open\":[" + open + "],\"high\":["
                + high + "],\"low\":[" + low + "],\"close\":[" + close + "],\"volume\":[" + volume + "]}]}}],"
                + "\"error\":null}}";
    }

    private static String prices(List<Long> startMillis, double offset) {
        return startMillis.stream()
                .map(t -> Double.toString(100.0 + (t / 60_000L % 1_000) / 100.0 + offset))
                .collect(Collectors.joining(","));
    }
}
