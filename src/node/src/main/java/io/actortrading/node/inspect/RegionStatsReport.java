package io.actortrading.node.inspect;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/shards/region-stats}: for each entity type, each node's shard region with its
 * shards and entities.
 *
 * @param node the node that answered
 */
public record RegionStatsReport(String node, List<Region> regions) {

    /** @param perShard entities per shard id */
    public record Region(String type, String node, int shards, long entities, Map<String, Integer> perShard) {
    }
}
