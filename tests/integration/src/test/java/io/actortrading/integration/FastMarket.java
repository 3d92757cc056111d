package io.actortrading.integration;

/** Settings of nodes in tests that need closed bars within seconds of wall time. */
public final class FastMarket {

    /**
     * A node following a market 60 times faster than the wall clock (a minute a second): closing grace
     * is market time (10 s is 170 ms of wall time here); the clock and the source checks run often
     * enough to keep up; every closed bar stays inspectable.
     */
    public static final String NODE_TIMING = """
            pekko.loglevel = WARNING
            actortrading.symbol.close-grace = 10s
            actortrading.symbol.clock-interval = 50ms
            actortrading.symbol.recent-bars = 2000
            actortrading.feeds.sources.check-interval = 100ms
            """;

    /**
     * Ten market minutes a wall second from the open of a regular session, the synthetic feed at 2,000
     * trades a second, and symbols that check the clock often so that each minute closes soon after it
     * ends.
     */
    public static final String SYNTHETIC_NODE = """
            pekko.loglevel = WARNING
            actortrading.clock {
              mode = "accelerated"
              speed = 600
              start = "2026-03-02T09:30:00-05:00"
            }
            actortrading.symbol.clock-interval = 100ms
            actortrading.feeds.synthetic {
              enabled = on
              ticks-per-second = 2000
            }
            """;

    private FastMarket() {
    }
}
