package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class SinksPaletteTest {

    private static final String POSTGRES = """
            {"persistence": "postgres", "database": "db.internal:5432/actortrading",
             "projections": [{"name": "market-data", "state": "failing", "offset": 81234, "events": 81234,
                              "rows": 80011, "batches": 412, "failures": 3, "lagMs": 65000, "lastBatchAgeMs": 70000,
                              "lastError": "Connection to db.internal:5432 refused."}],
             "unreachable": [],
             "sinks": [{"name": "redis", "state": "disconnected", "buffered": 30000, "capacity": 120000,
                        "dropped": 4512, "written": 9876543}]}
            """;
    private static final String H2 = """
            {"persistence": "h2", "database": "jdbc:h2:file:./data/journal/actortrading", "projections": [],
             "unreachable": [], "sinks": []}
            """;

    @Test
    void postgresShowsTheDatabaseAndEachProjectionsProgressLagAndLastError() {
        String output = SinksPalette.renderSinks(parse(POSTGRES));

        assertThat(output.lines().findFirst()).hasValue("persistence: postgres at db.internal:5432/actortrading");
        assertThat(RenderedTable.row(output, "PROJECTION", "PROJECTION", "market-data"))
                .containsEntry("STATE", "failing")
                .containsEntry("OFFSET", "81234")
                .containsEntry("ROWS", "80011")
                .containsEntry("FAILURES", "3")
                .containsEntry("LAG", "1m05s")
                .containsEntry("LAST BATCH", "1m10s");
        assertThat(output).contains("market-data last error: Connection to db.internal:5432 refused.");
    }

    @Test
    void redisShowsItsConnectionBufferFillDropsAndWrites() {
        String output = SinksPalette.renderSinks(parse(POSTGRES));

        assertThat(RenderedTable.row(output, "SINK", "SINK", "redis"))
                .containsEntry("STATE", "disconnected")
                .containsEntry("BUFFERED", "30000")
                .containsEntry("CAPACITY", "120000")
                .containsEntry("FILL", "25.00%")
                .containsEntry("DROPPED", "4512")
                .containsEntry("WRITTEN", "9876543");
    }

    @Test
    void h2SaysThereIsNoBarTable() {
        assertThat(SinksPalette.renderSinks(parse(H2)))
                .contains("persistence: h2 at jdbc:h2:file:./data/journal/actortrading")
                .contains("no projections (the h2 profile keeps no bar table)")
                .contains("no sinks (Redis is off: it needs REDIS_URL; sys_metrics needs the postgres profile)");
    }
}
