package io.actortrading.fakes;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A market clock that starts at a given instant and runs {@code speed} times as fast as the wall
 * clock: at speed 60 a market minute passes every wall second. Thread-safe.
 */
public final class AcceleratedClock implements LongSupplier {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final long startMillis;
    private final double speed;
    private final long wallStartNanos;

    public AcceleratedClock(Instant start, double speed) {
        this(start, speed, Instant.now());
    }

    /**
     * @param anchor the wall instant at which market time is {@code start}: two processes given the
     *               same start, speed and anchor read the same market time
     */
    public AcceleratedClock(Instant start, double speed, Instant anchor) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be positive and finite: " + speed);
        }
        this.startMillis = start.toEpochMilli();
        this.speed = speed;
        long sinceAnchorMillis = System.currentTimeMillis() - anchor.toEpochMilli();
        this.wallStartNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(sinceAnchorMillis);
    }

    /** The market time now, epoch milliseconds. */
    @Override
    public long getAsLong() {
        return startMillis + (long) ((System.nanoTime() - wallStartNanos) / NANOS_PER_MILLI * speed);
    }

    public double speed() {
        return speed;
    }
}
