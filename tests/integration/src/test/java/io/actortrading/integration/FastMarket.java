package io.actortrading.integration;

/** Settings of a node that follows a market running 60 times faster than the wall clock (a minute a second). */
public final class FastMarket {

    /**
     * Closing grace is market time (10 s is 170 ms of wall time here); the clock and the source checks
     * run often enough to keep up; every closed bar stays inspectable.
     */
    public static final String NODE_TIMING = """
            pekko.loglevel = WARNING
            actortrading.symbol.close-grace = 10s
            actortrading.symbol.clock-interval = 50ms
            actortrading.symbol.recent-bars = 2000
            actortrading.feeds.sources.check-interval = 100ms
            """;

    private FastMarket() {
    }
}
