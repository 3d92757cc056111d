package io.actortrading.node.inspect;

import java.util.List;

/** {@code GET /api/symbols}: the registered symbols. */
public record SymbolListingReport(List<Entry> symbols) {

    /**
     * @param sources the feeds the symbol was registered for; when it was registered for any feed,
     *                the feeds on this node that have delivered it
     * @param status  {@code live} once a feed on this node has delivered the symbol, else
     *                {@code registered}
     */
    public record Entry(String symbol, String assetClass, String zone, List<String> sources, String status) {
    }
}
