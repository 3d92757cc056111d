package io.actortrading.market.candles;

import io.actortrading.market.Timeframe;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * How a candle aggregator is configured.
 *
 * @param timeframes      the timeframes to build; normalized to ascending length, without repeats, and
 *                        always including 1m because every higher timeframe is folded from 1-minute bars
 * @param graceMillis     how long after a bucket's end a clock ({@code advanceTo}) waits before closing a
 *                        bucket that no later event closed: live feeds deliver a little late (2000 ms is
 *                        a good default), a replay has no stragglers (0)
 * @param duplicateWindow how many recent trade identities are remembered to recognise re-sent trades
 */
public record CandleSettings(List<Timeframe> timeframes, long graceMillis, int duplicateWindow) {

    public static final long DEFAULT_GRACE_MILLIS = 2_000L;
    public static final int DEFAULT_DUPLICATE_WINDOW = 1_024;
    /**
     * The identity index stores 16-bit ring positions (24 bytes per remembered trade); 65535 trades is
     * about a minute of the busiest US symbol, far more than a provider re-sends after a reconnect.
     */
    public static final int MAX_DUPLICATE_WINDOW = RecentTradeIdentities.MAX_WINDOW;

    public CandleSettings {
        if (timeframes == null || timeframes.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("timeframes must be a list without nulls: " + timeframes);
        }
        EnumSet<Timeframe> set = EnumSet.of(Timeframe.M1);
        set.addAll(timeframes);
        timeframes = List.copyOf(set);
        if (graceMillis < 0) {
            throw new IllegalArgumentException("graceMillis must not be negative: " + graceMillis);
        }
        if (duplicateWindow < 1 || duplicateWindow > MAX_DUPLICATE_WINDOW) {
            throw new IllegalArgumentException(
                    "duplicateWindow must be in [1, " + MAX_DUPLICATE_WINDOW + "]: " + duplicateWindow);
        }
    }

    /** Every timeframe, 2 s grace, the last 1024 identities. */
    public static CandleSettings defaults() {
        return new CandleSettings(List.of(Timeframe.values()), DEFAULT_GRACE_MILLIS, DEFAULT_DUPLICATE_WINDOW);
    }

    public CandleSettings withGraceMillis(long grace) {
        return new CandleSettings(timeframes, grace, duplicateWindow);
    }

    public CandleSettings withTimeframes(List<Timeframe> frames) {
        return new CandleSettings(frames, graceMillis, duplicateWindow);
    }

    public CandleSettings withDuplicateWindow(int window) {
        return new CandleSettings(timeframes, graceMillis, window);
    }
}
