package io.actortrading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code atctl symbols ...}: the symbol registry and one symbol's live state. */
@Command(name = "symbols", description = "The symbol registry: list, add, remove, show.")
final class SymbolsPalette extends Palette {

    static final String ROUTE = "/api/symbols";
    /** The node's timeframes shortest first; a timeframe the node adds later sorts after them. */
    private static final List<String> TIMEFRAMES = List.of("1m", "5m", "15m", "1h", "1d");

    @Command(name = "list", description = "Every registered symbol with its asset class, zone, sources and status.")
    int list() {
        return printGet(ROUTE, SymbolsPalette::renderList);
    }

    @Command(name = "add", description = "Register SYMBOL cluster-wide; feeds that serve it subscribe.")
    int add(@Parameters(paramLabel = "SYMBOL", description = "Canonical symbol: NVDA, BTC-USD, EUR/USD.") String symbol,
            @Option(names = "--sources", split = ",", paramLabel = "SOURCE",
                    description = "Feeds to take it from, comma-separated, most preferred first: the live "
                            + "providers among them are its failover order (default: every feed that serves it, "
                            + "live providers in the configured order).")
            List<String> sources) {
        ObjectNode body = atctl().mapper().createObjectNode().put("symbol", symbol);
        if (sources != null && !sources.isEmpty()) {
            sources.forEach(body.putArray("sources")::add);
        }
        return atctl().print(atctl().node().post(ROUTE, body), SymbolsPalette::renderAdded);
    }

    @Command(name = "remove", description = "Unregister SYMBOL: feeds unsubscribe, its history stays.")
    int remove(@Parameters(paramLabel = "SYMBOL") String symbol) {
        return atctl().print(atctl().node().delete(ROUTE + "/" + NodeClient.encode(symbol)),
                SymbolsPalette::renderRemoved);
    }

    @Command(name = "show", description = "SYMBOL's last price, counters, bars, indicators and features.")
    int show(@Parameters(paramLabel = "SYMBOL") String symbol) {
        return printGet(ROUTE + "/" + NodeClient.encode(symbol), SymbolsPalette::renderSymbol);
    }

    static String renderList(JsonNode registry) {
        TableRenderer table = TableRenderer.withColumns("SYMBOL", "ASSET CLASS", "ZONE", "SOURCES", "STATUS");
        for (JsonNode symbol : registry.path("symbols")) {
            table.row(Cells.text(symbol.path("symbol")), Cells.text(symbol.path("assetClass")), Cells.text(symbol.path("zone")),
                    Cells.list(symbol.path("sources")), Cells.text(symbol.path("status")));
        }
        int count = table.rowCount();
        return table.render() + count + (count == 1 ? " symbol" : " symbols") + "\n";
    }

    static String renderAdded(JsonNode answer) {
        String symbol = Cells.text(answer.path("symbol"));
        return (answer.path("added").asBoolean() ? "added " + symbol : symbol + " was already registered") + "\n";
    }

    static String renderRemoved(JsonNode answer) {
        String symbol = Cells.text(answer.path("symbol"));
        return (answer.path("removed").asBoolean() ? "removed " + symbol : symbol + " was not registered") + "\n";
    }

    static String renderSymbol(JsonNode state) {
        StringBuilder out = new StringBuilder();
        out.append(Cells.text(state.path("symbol"))).append("  ").append(Cells.text(state.path("assetClass")))
                .append("  ").append(Cells.text(state.path("zone")))
                .append("  sources ").append(Cells.list(state.path("sources"))).append('\n');
        out.append("last price ").append(Cells.number(state.path("lastPrice")))
                .append(" at ").append(Cells.text(state.path("lastEventAt")))
                .append("  quality ").append(Cells.number(state.path("quality"))).append('\n');
        out.append(counters(state.path("counters"))).append('\n');
        out.append(liveSources(state.path("liveSources")));
        out.append(dataChecks(state));

        out.append("\nBARS\n").append(bars(state));
        out.append("\nINDICATORS\n").append(indicators(state.path("indicators")));
        out.append('\n').append(features(state));
        return out.toString();
    }

    /**
     * The router's choice of live provider: the active one, the fallback order, and for each provider
     * why it cannot serve now; nothing for a symbol without live providers.
     */
    private static String liveSources(JsonNode live) {
        if (Cells.absent(live) || live.path("order").isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("live source ").append(Cells.text(live.path("active")))
                .append("  fallback order ");
        StringBuilder order = new StringBuilder();
        for (JsonNode provider : live.path("order")) {
            order.append(order.length() == 0 ? "" : " > ").append(provider.asText());
        }
        out.append(order).append('\n');
        for (JsonNode source : live.path("sources")) {
            out.append("  ").append(Cells.text(source.path("provider")))
                    .append(": last data ").append(Cells.age(source.path("lastDataAgeMillis")))
                    .append(source.path("assigned").asBoolean() ? "" : ", not asked")
                    .append(Cells.absent(source.path("unusable")) ? "" : ", " + Cells.text(source.path("unusable")))
                    .append('\n');
        }
        if (!live.path("lastSwitch").asText("").isEmpty()) {
            out.append("  last switch ").append(live.path("lastSwitch").asText()).append('\n');
        }
        return out.toString();
    }

    /**
     * Readiness, gaps and the cross-source check, on one line; the last discrepancy on its own line
     * with both sources' prices.
     */
    private static String dataChecks(JsonNode state) {
        if (Cells.absent(state.path("gaps"))) {
            return "";
        }
        JsonNode gaps = state.path("gaps");
        JsonNode discrepancies = state.path("discrepancies");
        StringBuilder out = new StringBuilder(state.path("ready").asBoolean() ? "ready" : "not ready")
                .append(state.path("warmingUp").asBoolean() ? " (warming up)" : "")
                .append(", gaps detected ").append(Cells.number(gaps.path("detected")))
                .append(" filled ").append(Cells.number(gaps.path("filled")))
                .append(" unfilled ").append(Cells.number(gaps.path("unfilled")));
        if (!Cells.absent(gaps.path("pending"))) {
            out.append(" pending ").append(Cells.text(gaps.path("pending").path("from"))).append(" to ")
                    .append(Cells.text(gaps.path("pending").path("to")));
        }
        out.append(", discrepancies ").append(Cells.number(discrepancies.path("count")))
                .append(", standby events ").append(Cells.number(state.path("standbyEvents"))).append('\n');
        JsonNode last = discrepancies.path("last");
        if (!Cells.absent(last)) {
            out.append("  last discrepancy ").append(Cells.text(last.path("minute"))).append(": ")
                    .append(Cells.text(last.path("activeSource"))).append(' ').append(Cells.number(last.path("activePrice")))
                    .append(" vs ").append(Cells.text(last.path("otherSource"))).append(' ')
                    .append(Cells.number(last.path("otherPrice"))).append('\n');
        }
        return out.toString();
    }

    private static String counters(JsonNode counters) {
        return "ticks " + Cells.number(counters.path("ticks"))
                + ", applied " + Cells.number(counters.path("applied"))
                + ", late " + Cells.number(counters.path("late"))
                + ", duplicates " + Cells.number(counters.path("duplicates"))
                + ", outside session " + Cells.number(counters.path("outsideSession"))
                + ", bars closed " + Cells.number(counters.path("barsClosed"))
                + ", rejected " + (counters.path("rejected").isEmpty() ? "0" : Cells.pairs(counters.path("rejected")));
    }

    /**
     * Closed bars, then the forming one, grouped by timeframe; the contract lists the last closed 1m bar
     * both as its timeframe's latest and among the last five, so it is shown once.
     */
    private static String bars(JsonNode state) {
        Map<String, Bar> rows = new LinkedHashMap<>();
        state.path("closed").forEach(bar -> rows.putIfAbsent(Bar.key(bar), new Bar("closed", bar)));
        state.path("forming").forEach(bar -> rows.put(Bar.key(bar), new Bar("forming", bar)));
        List<Bar> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparingInt((Bar b) -> timeframeRank(b.json().path("timeframe").asText()))
                .thenComparing(b -> b.json().path("timeframe").asText())
                .thenComparing(b -> b.json().path("start").asText()));
        TableRenderer table = TableRenderer.withColumns("TF", "STATE", "START", "OPEN", "HIGH", "LOW", "CLOSE",
                        "VOLUME", "VWAP", "TRADES", "SOURCE")
                .alignRight("OPEN", "HIGH", "LOW", "CLOSE", "VOLUME", "VWAP", "TRADES");
        for (Bar bar : ordered) {
            JsonNode json = bar.json();
            table.row(Cells.text(json.path("timeframe")), bar.state(), Cells.text(json.path("start")),
                    Cells.number(json.path("open")), Cells.number(json.path("high")), Cells.number(json.path("low")),
                    Cells.number(json.path("close")), Cells.number(json.path("volume")), Cells.number(json.path("vwap")),
                    Cells.number(json.path("trades")), Cells.text(json.path("source")));
        }
        return table.rowCount() == 0 ? "no bars yet\n" : table.render();
    }

    /** One row per indicator, one column per timeframe, so a glance compares 1m with 1h. */
    private static String indicators(JsonNode perTimeframe) {
        List<String> timeframes = new ArrayList<>();
        perTimeframe.fieldNames().forEachRemaining(timeframes::add);
        if (timeframes.isEmpty()) {
            return "no indicators yet\n";
        }
        timeframes.sort(Comparator.comparingInt(SymbolsPalette::timeframeRank).thenComparing(Comparator.naturalOrder()));
        Set<String> names = new LinkedHashSet<>();
        for (String timeframe : timeframes) {
            perTimeframe.path(timeframe).fieldNames().forEachRemaining(names::add);
        }
        List<String> headers = new ArrayList<>();
        headers.add("NAME");
        headers.addAll(timeframes);
        TableRenderer table = TableRenderer.withColumns(headers.toArray(String[]::new))
                .alignRight(timeframes.toArray(String[]::new));
        for (String name : names) {
            String[] cells = new String[headers.size()];
            cells[0] = name;
            for (int i = 0; i < timeframes.size(); i++) {
                cells[i + 1] = Cells.number(perTimeframe.path(timeframes.get(i)).path(name));
            }
            table.row(cells);
        }
        return table.render();
    }

    private static String features(JsonNode state) {
        JsonNode features = state.path("features");
        if (Cells.absent(features)) {
            return "FEATURES not available yet (they need 50 closed 1m bars)\n";
        }
        JsonNode names = features.path("names");
        JsonNode values = features.path("values");
        TableRenderer table = TableRenderer.withColumns("#", "NAME", "VALUE").alignRight("#", "VALUE");
        for (int i = 0; i < Math.max(names.size(), values.size()); i++) {
            table.row(Integer.toString(i + 1), Cells.text(names.get(i)), Cells.number(values.get(i)));
        }
        return "FEATURES at " + Cells.text(state.path("featuresAt")) + "\n" + table.render();
    }

    private static int timeframeRank(String timeframe) {
        int rank = TIMEFRAMES.indexOf(timeframe);
        return rank < 0 ? TIMEFRAMES.size() : rank;
    }

    /** A bar from the node's JSON and whether it is still forming. */
    private record Bar(String state, JsonNode json) {
        static String key(JsonNode bar) {
            return bar.path("timeframe").asText() + "@" + bar.path("start").asText();
        }
    }
}
