package io.actortrading.node.sysmetrics;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * {@code actortrading.metrics.sys-metrics}: how often the node's meters are copied into the
 * {@code sys_metrics} table, and under which service name.
 *
 * @param service      the {@code service} column; empty means the node's roles and address
 * @param writeTimeout a snapshot's INSERT that has not finished by then fails (and its rows are dropped)
 * @param dispatcher   the configuration path of the dispatcher the JDBC calls block on
 */
public record SysMetricsSettings(boolean enabled, Duration interval, String service, Duration writeTimeout,
                                 String dispatcher) {

    private static final String PATH = "actortrading.metrics.sys-metrics";

    public SysMetricsSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(PATH + ".interval must be positive");
        }
        if (writeTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException(PATH + ".write-timeout must be at least 1s (JDBC counts whole seconds)");
        }
    }

    public static SysMetricsSettings fromConfig(Config config) {
        Config c = config.getConfig(PATH);
        return new SysMetricsSettings(c.getBoolean("enabled"), c.getDuration("interval"), c.getString("service").trim(),
                c.getDuration("write-timeout"), PATH + ".dispatcher");
    }
}
