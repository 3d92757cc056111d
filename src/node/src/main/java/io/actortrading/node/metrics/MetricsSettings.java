package io.actortrading.node.metrics;

import com.typesafe.config.Config;

import java.time.Duration;
import java.util.List;

/**
 * {@code actortrading.metrics}.
 *
 * @param pollInterval     how often the poller asks the router and the shard region for their figures
 * @param answerTimeout    a question the router or the shard region has not answered by then is asked again
 * @param latencyQuantiles the quantiles of the ingest latency reported for each poll interval
 */
public record MetricsSettings(Duration pollInterval, Duration answerTimeout, List<Double> latencyQuantiles) {

    public MetricsSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("actortrading.metrics.poll-interval must be positive");
        }
        for (double quantile : latencyQuantiles) {
            if (!(quantile > 0 && quantile <= 1)) {
                throw new IllegalArgumentException("actortrading.metrics.latency-quantiles must lie in (0, 1], not " + quantile);
            }
        }
        latencyQuantiles = List.copyOf(latencyQuantiles);
    }

    public static MetricsSettings fromConfig(Config metrics) {
        return new MetricsSettings(metrics.getDuration("poll-interval"), metrics.getDuration("answer-timeout"),
                metrics.getDoubleList("latency-quantiles"));
    }
}
