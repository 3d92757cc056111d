package io.actortrading.node.symbol;

import com.typesafe.config.Config;
import io.actortrading.market.Timeframe;
import io.actortrading.market.candles.CandleSettings;
import io.actortrading.market.validation.ValidationSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code actortrading.symbol} from the configuration.
 *
 * @param discrepancyThreshold the relative difference between the active source's close and another
 *                             source's price for the same minute above which a discrepancy is recorded
 */
public record SymbolSettings(List<Timeframe> timeframes, Duration closeGrace, Duration clockInterval,
                             int duplicateWindow, int snapshotEvery, int recentBars,
                             Duration restartMin, Duration restartMax, double restartRandomFactor,
                             Duration restartQuietLog, ValidationSettings validation, BackfillSettings backfill,
                             double discrepancyThreshold) {

    public static SymbolSettings fromConfig(Config symbol) {
        List<Timeframe> timeframes = new ArrayList<>();
        for (String label : symbol.getStringList("timeframes")) {
            timeframes.add(Timeframe.fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                    "actortrading.symbol.timeframes: unknown timeframe '" + label + "' (known: 1m, 5m, 15m, 1h, 1d)")));
        }
        if (!timeframes.contains(Timeframe.M1)) {
            timeframes.add(0, Timeframe.M1);
        }
        Config validation = symbol.getConfig("validation");
        return new SymbolSettings(List.copyOf(timeframes),
                symbol.getDuration("close-grace"),
                symbol.getDuration("clock-interval"),
                symbol.getInt("duplicate-window"),
                symbol.getInt("snapshot-every"),
                symbol.getInt("recent-bars"),
                symbol.getDuration("restart-backoff.min"),
                symbol.getDuration("restart-backoff.max"),
                symbol.getDouble("restart-backoff.random-factor"),
                symbol.getDuration("restart-backoff.log-quiet"),
                new ValidationSettings(validation.getDouble("spike-band"),
                        validation.getDuration("max-future-skew").toMillis(),
                        validation.getDuration("stale-after").toMillis()),
                BackfillSettings.fromConfig(symbol.getConfig("backfill")),
                symbol.getDouble("discrepancy-threshold"));
    }

    /** The tick-facing builder makes only the 1-minute bar; the higher timeframes are folded from closed minutes. */
    public CandleSettings minuteSettings() {
        return new CandleSettings(List.of(Timeframe.M1), closeGrace.toMillis(), duplicateWindow);
    }

    /**
     * The closed candles see only finished minutes, never a trade: no grace (their clock is the minute
     * builder's, grace already applied) and the smallest identity memory.
     */
    public CandleSettings closedSettings() {
        return new CandleSettings(timeframes, 0L, 1);
    }

    /** Replay has no clock but the events: nothing is late by wall time there. */
    public SymbolSettings withoutGrace() {
        return new SymbolSettings(timeframes, Duration.ZERO, clockInterval, duplicateWindow, snapshotEvery,
                recentBars, restartMin, restartMax, restartRandomFactor, restartQuietLog, validation, backfill, discrepancyThreshold);
    }
}
