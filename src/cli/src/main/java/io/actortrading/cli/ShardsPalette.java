package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code atctl shards ...}: how the sharded entities are spread over the nodes. */
@Command(name = "shards", description = "Cluster sharding: region-stats.")
final class ShardsPalette extends Palette {

    @Command(name = "region-stats", description = "Per node: entity type, shards, entities.")
    int regionStats(@Parameters(paramLabel = "TYPE", arity = "0..1", defaultValue = "symbol",
            description = "Entity type (default: ${DEFAULT-VALUE}).") String type) {
        return printGet("/api/shards/region-stats?type=" + NodeClient.encode(type), ShardsPalette::renderRegionStats);
    }

    static String renderRegionStats(JsonNode stats) {
        TableRenderer table = TableRenderer.withColumns("NODE", "TYPE", "SHARDS", "ENTITIES")
                .alignRight("SHARDS", "ENTITIES");
        long shards = 0;
        long entities = 0;
        for (JsonNode region : stats.path("regions")) {
            table.row(Cells.text(region.path("node")), Cells.text(region.path("type")),
                    Cells.number(region.path("shards")), Cells.number(region.path("entities")));
            shards += region.path("shards").asLong();
            entities += region.path("entities").asLong();
        }
        String total = table.rowCount() == 0
                ? "no shard regions reported by " + Cells.text(stats.path("node"))
                : "total " + shards + " shards, " + entities + " entities on " + table.rowCount()
                        + (table.rowCount() == 1 ? " node" : " nodes");
        return table.render() + total + "\n";
    }
}
