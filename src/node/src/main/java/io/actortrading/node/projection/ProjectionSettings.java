package io.actortrading.node.projection;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How the market_data projection reads the journal and writes its batches
 * ({@code actortrading.projection.market-data}).
 */
public record ProjectionSettings(boolean enabled, String name, String tag, int batchSize, Duration batchInterval,
                                 boolean synchronousCommit, Duration restartMin, Duration restartMax,
                                 double restartRandomFactor, Duration lagInterval, String dispatcher) {

    public static ProjectionSettings fromConfig(Config config) {
        Config c = config.getConfig("actortrading.projection.market-data");
        return new ProjectionSettings(c.getBoolean("enabled"), c.getString("name"), c.getString("tag"),
                c.getInt("batch-size"), c.getDuration("batch-interval"), c.getBoolean("synchronous-commit"),
                c.getDuration("restart-backoff.min"), c.getDuration("restart-backoff.max"),
                c.getDouble("restart-backoff.random-factor"), c.getDuration("lag-interval"),
                "actortrading.projection.dispatcher");
    }
}
