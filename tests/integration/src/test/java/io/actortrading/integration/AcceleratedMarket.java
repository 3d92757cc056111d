package io.actortrading.integration;

/** The node configuration of tests that need closed bars within seconds of wall time. */
public final class AcceleratedMarket {

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

    private AcceleratedMarket() {
    }
}
