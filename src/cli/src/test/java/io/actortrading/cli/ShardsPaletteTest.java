package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static io.actortrading.cli.ContractDocuments.NODE_A;
import static io.actortrading.cli.ContractDocuments.NODE_B;
import static io.actortrading.cli.ContractDocuments.REGION_STATS;
import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class ShardsPaletteTest {

    @Test
    void regionStatsShowsTypeShardsAndEntitiesPerNodeAndATotal() {
        String output = ShardsPalette.renderRegionStats(parse(REGION_STATS));

        assertThat(RenderedTable.row(output, "NODE", "NODE", NODE_A))
                .containsEntry("TYPE", "symbol").containsEntry("SHARDS", "7").containsEntry("ENTITIES", "12");
        assertThat(RenderedTable.row(output, "NODE", "NODE", NODE_B))
                .containsEntry("SHARDS", "5").containsEntry("ENTITIES", "9");
        assertThat(output).endsWith("total 12 shards, 21 entities on 2 nodes\n");
    }

    @Test
    void regionStatsSaysSoWhenNoRegionExists() {
        String output = ShardsPalette.renderRegionStats(parse("{\"node\": \"" + NODE_A + "\", \"regions\": []}"));

        assertThat(RenderedTable.rows(output, "NODE")).isEmpty();
        assertThat(output).endsWith("no shard regions reported by " + NODE_A + "\n");
    }
}
