package io.actortrading.node.symbol;

import com.typesafe.config.Config;
import io.actortrading.market.features.FeatureWindow;
import io.actortrading.market.indicators.IndicatorSet;

import java.time.Duration;

/**
 * {@code actortrading.symbol.backfill}: how a symbol asks for the minutes it missed and for the
 * history a new symbol needs before it is ready.
 *
 * @param maxWindow                 the longest span one request covers; a longer gap is asked for in pieces
 * @param minMissingMinutes         in-session minutes that must be missing before a gap is asked for
 * @param timeout                   a request without an answer by then counts as failed
 * @param maxAttempts               requests per window (the first one and its retries) before it is given up
 * @param retryMin                  the wait before the first retry; it doubles per failure up to {@code retryMax}
 * @param checkpointInterval        the least market time between two rebuild checkpoints
 * @param warmupMinutes             the one-minute bars a new symbol asks for before it reports ready
 * @param recheckAfterRecovery      session minutes before the last one a recovered symbol holds that its
 *                                  first gap window after recovery also asks for again
 */
public record BackfillSettings(boolean enabled, Duration maxWindow, int minMissingMinutes, Duration timeout,
                               int maxAttempts, Duration retryMin, Duration retryMax, Duration checkpointInterval,
                               int warmupMinutes, int recheckAfterRecovery) {

    /**
     * The one-minute bars after which every 1m indicator and the feature vector have a value: the
     * feature window, or MACD's signal line (slow EMA then signal EMA), whichever needs more.
     */
    public static final int MINUTES_TO_WARM = Math.max(FeatureWindow.BARS,
            Math.max(IndicatorSet.MACD_SLOW_PERIOD + IndicatorSet.MACD_SIGNAL_PERIOD - 1,
                    Math.max(IndicatorSet.SMA_PERIOD, Math.max(IndicatorSet.BOLLINGER_PERIOD,
                            Math.max(IndicatorSet.RSI_PERIOD, IndicatorSet.ATR_PERIOD) + 1))));

    private static final String AUTO = "auto";

    public static BackfillSettings fromConfig(Config backfill) {
        String warmup = backfill.getString("warmup-minutes");
        int warmupMinutes = AUTO.equals(warmup)
                ? MINUTES_TO_WARM + backfill.getInt("warmup-slack-minutes")
                : backfill.getInt("warmup-minutes");
        BackfillSettings settings = new BackfillSettings(backfill.getBoolean("enabled"),
                backfill.getDuration("max-window"),
                backfill.getInt("min-missing-minutes"),
                backfill.getDuration("timeout"),
                backfill.getInt("retry.max-attempts"),
                backfill.getDuration("retry.min-backoff"),
                backfill.getDuration("retry.max-backoff"),
                backfill.getDuration("rebuild-checkpoint-interval"),
                warmupMinutes,
                backfill.getInt("recheck-after-recovery"));
        settings.check();
        return settings;
    }

    private void check() {
        if (maxWindow.toMinutes() < 1 || minMissingMinutes < 1 || maxAttempts < 1 || warmupMinutes < 0
                || checkpointInterval.toMinutes() < 1 || recheckAfterRecovery < 0 || retryMin.isNegative() || retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("actortrading.symbol.backfill: max-window and rebuild-checkpoint-interval"
                    + " must be at least a minute, min-missing-minutes and retry.max-attempts at least 1,"
                    + " warmup-minutes and recheck-after-recovery not negative, retry.max-backoff not below retry.min-backoff: " + this);
        }
    }

    /** The wait before retrying after the {@code failures}-th failure (1-based). */
    public Duration retryDelay(int failures) {
        Duration delay = retryMin;
        for (int i = 1; i < failures && delay.compareTo(retryMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
