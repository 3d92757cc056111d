package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.util.Locale;
import java.util.Map;

/** {@code atctl feeds ...}: the market data sources of one node and the router behind them. */
@Command(name = "feeds", description = "Market data feeds: show.")
final class FeedsPalette extends Palette {

    @Command(name = "show", description = "The router's buffer, then per source: state, breaker, msgs/s, last message age, errors, rate budget, symbols; then each source's last error.")
    int show() {
        return printGet("/api/feeds", FeedsPalette::renderFeeds);
    }

    static String renderFeeds(JsonNode feeds) {
        JsonNode router = feeds.path("router");
        String routerLine = "router: buffer " + Cells.number(router.path("inFlight")) + "/"
                + Cells.number(router.path("bufferCapacity")) + " (" + Cells.percent(router.path("fill")) + " full)"
                + ", routed " + Cells.number(router.path("routed"))
                + ", unknown symbol " + Cells.number(router.path("unknownSymbol"))
                + ", batches " + Cells.number(router.path("batches"))
                + ", failovers " + Cells.number(router.path("failovers")) + "\n";
        TableRenderer table = TableRenderer.withColumns("SOURCE", "STATE", "BREAKER", "RESTARTS", "MSGS/S", "LAST MSG",
                        "ERRORS", "RATE BUDGET", "SYMBOLS")
                .alignRight("RESTARTS", "MSGS/S", "LAST MSG");
        StringBuilder lastErrors = new StringBuilder();
        for (JsonNode feed : feeds.path("feeds")) {
            table.row(Cells.text(feed.path("source")), Cells.text(feed.path("state")), Cells.text(feed.path("breaker")),
                    Cells.number(feed.path("restarts")), rate(feed.path("messagesPerSecond")),
                    Cells.age(feed.path("lastMessageAgeMs")), errors(feed.path("errors")),
                    rateBudget(feed.path("rateBudget")), Cells.list(feed.path("symbols")));
            if (!Cells.absent(feed.path("lastError"))) {
                lastErrors.append(Cells.text(feed.path("source"))).append(" last error: ")
                        .append(Cells.text(feed.path("lastError"))).append('\n');
            }
        }
        return routerLine + (table.rowCount() == 0 ? "no feeds on this node\n" : table.render()) + lastErrors;
    }

    private static String rate(JsonNode perSecond) {
        return Cells.absent(perSecond) || !perSecond.isNumber()
                ? Cells.text(perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond.doubleValue());
    }

    /** {@code 0} when every counter is zero (the common case), else only the counters that are not. */
    private static String errors(JsonNode errors) {
        if (Cells.absent(errors)) {
            return TableRenderer.ABSENT;
        }
        if (!errors.isObject()) {
            return Cells.number(errors);
        }
        StringBuilder nonZero = new StringBuilder();
        for (Map.Entry<String, JsonNode> counter : errors.properties()) {
            if (counter.getValue().asDouble() != 0.0) {
                nonZero.append(nonZero.length() == 0 ? "" : " ")
                        .append(counter.getKey()).append('=').append(Cells.number(counter.getValue()));
            }
        }
        return nonZero.length() == 0 ? "0" : nonZero.toString();
    }

    /** The contract leaves the budget's shape to each limiter: a number, a text or an object of named values. */
    private static String rateBudget(JsonNode budget) {
        if (budget.isObject()) {
            return Cells.pairs(budget);
        }
        return budget.isNumber() ? Cells.number(budget) : Cells.text(budget);
    }
}
