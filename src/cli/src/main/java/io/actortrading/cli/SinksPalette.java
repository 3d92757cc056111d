package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import picocli.CommandLine.Command;

/** {@code atctl sinks ...}: where the node's data goes: the journal's store, the projections, Redis, sys_metrics. */
@Command(name = "sinks", description = "Persistence, projections and sinks (Redis, sys_metrics): show.")
final class SinksPalette extends Palette {

    @Command(name = "show", description = "The persistence profile and database, then per projection: state, offset, events, rows, batches, failures, lag, last batch age; then per sink (Redis, sys_metrics): state, buffered of capacity, fill, dropped, written; then each projection's last error.")
    int show() {
        return printGet("/api/sinks", SinksPalette::renderSinks);
    }

    static String renderSinks(JsonNode sinks) {
        String header = "persistence: " + Cells.text(sinks.path("persistence")) + " at "
                + Cells.text(sinks.path("database")) + "\n";
        TableRenderer table = TableRenderer.withColumns("PROJECTION", "STATE", "OFFSET", "EVENTS", "ROWS", "BATCHES",
                        "FAILURES", "LAG", "LAST BATCH")
                .alignRight("OFFSET", "EVENTS", "ROWS", "BATCHES", "FAILURES", "LAG", "LAST BATCH");
        StringBuilder notes = new StringBuilder();
        for (JsonNode projection : sinks.path("projections")) {
            table.row(Cells.text(projection.path("name")), Cells.text(projection.path("state")),
                    Cells.number(projection.path("offset")), Cells.number(projection.path("events")),
                    Cells.number(projection.path("rows")), Cells.number(projection.path("batches")),
                    Cells.number(projection.path("failures")), Cells.age(projection.path("lagMs")),
                    Cells.age(projection.path("lastBatchAgeMs")));
            if (!Cells.absent(projection.path("lastError"))) {
                notes.append(Cells.text(projection.path("name"))).append(" last error: ")
                        .append(Cells.text(projection.path("lastError"))).append('\n');
            }
        }
        for (JsonNode name : sinks.path("unreachable")) {
            notes.append(Cells.text(name)).append(": did not answer (its singleton may be moving)\n");
        }
        String projections = table.rowCount() == 0 && sinks.path("unreachable").isEmpty()
                ? "no projections (the h2 profile keeps no bar table)\n" : table.render();
        return header + projections + renderSinkTable(sinks.path("sinks")) + notes;
    }

    /** Sinks without a buffer (sys_metrics) show no capacity or fill. */
    private static String renderSinkTable(JsonNode sinks) {
        if (sinks.isEmpty()) {
            return "no sinks (Redis is off: it needs REDIS_URL; sys_metrics needs the postgres profile)\n";
        }
        TableRenderer table = TableRenderer.withColumns("SINK", "STATE", "BUFFERED", "CAPACITY", "FILL", "DROPPED",
                "WRITTEN").alignRight("BUFFERED", "CAPACITY", "FILL", "DROPPED", "WRITTEN");
        for (JsonNode sink : sinks) {
            long capacity = sink.path("capacity").asLong();
            table.row(Cells.text(sink.path("name")), Cells.text(sink.path("state")), capacity <= 0 ? TableRenderer.ABSENT : Cells.number(sink.path("buffered")),
                    capacity <= 0 ? TableRenderer.ABSENT : Cells.number(sink.path("capacity")),
                    capacity <= 0 ? TableRenderer.ABSENT : Cells.percent(DoubleNode.valueOf(
                            sink.path("buffered").asDouble() / capacity)),
                    Cells.number(sink.path("dropped")), Cells.number(sink.path("written")));
        }
        return table.render();
    }
}
