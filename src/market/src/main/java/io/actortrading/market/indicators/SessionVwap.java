package io.actortrading.market.indicators;

import io.actortrading.market.Bar;
import io.actortrading.market.instrument.Instrument;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Volume-weighted average price of the current trading day: Σ(price · volume) / Σ(volume) over the
 * bars whose start falls on the same calendar day in the instrument's exchange time zone, where a
 * bar's price is its own VWAP (the provider's, or the typical price the feed estimated). A bar of
 * another exchange-local day starts a new session.
 *
 * <p>No ta4j twin: ta4j's VWAPIndicator is a rolling window of N bars, not an anchored session.
 * Ready from the first bar, but NaN while the session has traded no volume: an average weighted by
 * nothing does not exist, and inventing a price would mislead.
 *
 * <p>The day's bounds are kept as epoch milliseconds and recomputed (with java.time, allocating)
 * only when a bar falls outside them, so updates within a day are allocation-free. The sums are
 * plain doubles: all terms are positive and a day has at most 1,440 one-minute bars, so their
 * relative error stays below ~1e-13.
 */
public final class SessionVwap extends RecursiveIndicator {

    private final ZoneId zone;
    private long sessionStart = Long.MAX_VALUE;
    private long sessionEnd = Long.MIN_VALUE;
    private double priceVolume;
    private double volume;

    public SessionVwap(Instrument instrument) {
        this.zone = instrument.zone();
    }

    @Override
    public void update(Bar bar) {
        double barVolume = bar.volume();
        double price = bar.vwap();
        if (!Double.isFinite(price) || price <= 0.0) {
            price = Bar.typicalPrice(bar.high(), bar.low(), bar.close());
        }
        if (!Double.isFinite(price) || !Double.isFinite(barVolume) || barVolume < 0.0) {
            return;
        }
        long start = bar.start();
        if (start < sessionStart || start >= sessionEnd) {
            openSession(start);
        }
        priceVolume += price * barVolume;
        volume += barVolume;
        countSample();
    }

    private void openSession(long barStart) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(barStart), zone);
        sessionStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
        sessionEnd = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        priceVolume = 0.0;
        volume = 0.0;
    }

    public double value() {
        return isReady() && volume > 0.0 ? priceVolume / volume : Double.NaN;
    }

    /** Start of the current session's day (epoch milliseconds), {@link Long#MAX_VALUE} before any bar. */
    public long sessionStart() {
        return sessionStart;
    }

    @Override
    public int warmUpPeriod() {
        return 1;
    }

    @Override
    void writeRecursion(DataOutput out) throws IOException {
        out.writeLong(sessionStart);
        out.writeLong(sessionEnd);
        out.writeDouble(priceVolume);
        out.writeDouble(volume);
    }

    @Override
    void readRecursion(DataInput in) throws IOException {
        sessionStart = in.readLong();
        sessionEnd = in.readLong();
        priceVolume = in.readDouble();
        volume = in.readDouble();
    }
}
