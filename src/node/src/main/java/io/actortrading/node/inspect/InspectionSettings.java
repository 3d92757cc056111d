package io.actortrading.node.inspect;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The inspection routes' settings ({@code actortrading.inspection}).
 *
 * @param askTimeout        how long a route waits for an actor before answering 503
 * @param shardStatsTimeout how long sharding collects statistics from every region; shorter than
 *                          {@code askTimeout} so a slow region yields partial figures, not a 503
 */
public record InspectionSettings(Duration askTimeout, Duration shardStatsTimeout, int defaultTreeDepth,
                                 int maxTreeDepth, Duration treeSettle, Duration treeTimeout) {

    public static InspectionSettings fromConfig(Config inspection) {
        Config tree = inspection.getConfig("actor-tree");
        InspectionSettings settings = new InspectionSettings(inspection.getDuration("ask-timeout"),
                inspection.getDuration("shard-stats-timeout"), tree.getInt("default-depth"), tree.getInt("max-depth"),
                tree.getDuration("settle"), tree.getDuration("timeout"));
        if (settings.shardStatsTimeout().compareTo(settings.askTimeout()) >= 0) {
            throw new IllegalArgumentException("actortrading.inspection.shard-stats-timeout must be shorter than ask-timeout");
        }
        return settings;
    }
}
