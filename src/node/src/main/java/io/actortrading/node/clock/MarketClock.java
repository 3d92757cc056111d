package io.actortrading.node.clock;

import com.typesafe.config.Config;

import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

/**
 * The time that closes bars and judges staleness and future timestamps. Live nodes use the wall
 * clock; the demo runs an accelerated market; replay has no clock of its own: there the event time
 * is the only time there is.
 */
public sealed interface MarketClock {

    /** Market time now, epoch milliseconds, given the time of the event being looked at. */
    long now(long eventTime);

    /** Whether this clock moves by itself (so symbols should close quiet minutes on a timer). */
    boolean ticks();

    /** Market milliseconds per wall millisecond. */
    default double speed() {
        return 1.0;
    }

    /** Wall-clock milliseconds until market time reaches {@code marketMillis}; 0 when already there. */
    default long wallMillisUntil(long marketMillis) {
        return Math.max(0, marketMillis - now(marketMillis));
    }

    record WallClock() implements MarketClock {
        @Override
        public long now(long eventTime) {
            return System.currentTimeMillis();
        }

        @Override
        public boolean ticks() {
            return true;
        }
    }

    /** Market time runs {@code speed} times faster than wall time, starting at {@code startMillis}. */
    record Accelerated(long startMillis, double speed, long wallStartNanos) implements MarketClock {
        private static final double NANOS_PER_MILLI = 1_000_000.0;

        @Override
        public long now(long eventTime) {
            return startMillis + (long) ((System.nanoTime() - wallStartNanos) / NANOS_PER_MILLI * speed);
        }

        @Override
        public boolean ticks() {
            return true;
        }

        @Override
        public long wallMillisUntil(long marketMillis) {
            return Math.max(0, (long) ((marketMillis - now(marketMillis)) / speed));
        }
    }

    record EventTime() implements MarketClock {
        @Override
        public long now(long eventTime) {
            return eventTime;
        }

        @Override
        public boolean ticks() {
            return false;
        }
    }

    /**
     * The {@link System#nanoTime()} at which an accelerated clock reads its start: now, or the wall
     * instant {@code anchor} names, so that separate processes (a node and the provider fakes) started
     * with the same start, speed and anchor read the same market time.
     */
    private static long wallStartNanos(String anchor) {
        long now = System.nanoTime();
        if (anchor.isBlank()) {
            return now;
        }
        long sinceAnchorMillis = System.currentTimeMillis() - OffsetDateTime.parse(anchor).toInstant().toEpochMilli();
        return now - TimeUnit.MILLISECONDS.toNanos(sinceAnchorMillis);
    }

    /** Reads {@code actortrading.clock}. */
    static MarketClock fromConfig(Config clock) {
        String mode = clock.getString("mode");
        return switch (mode) {
            case "system" -> new WallClock();
            case "accelerated" -> new Accelerated(
                    OffsetDateTime.parse(clock.getString("start")).toInstant().toEpochMilli(),
                    clock.getDouble("speed"), wallStartNanos(clock.getString("anchor")));
            case "event-time" -> new EventTime();
            default -> throw new IllegalArgumentException(
                    "actortrading.clock.mode must be system, accelerated or event-time, not '" + mode + "'");
        };
    }
}
