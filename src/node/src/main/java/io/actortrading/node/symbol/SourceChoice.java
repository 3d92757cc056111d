package io.actortrading.node.symbol;

import java.util.List;

/**
 * Which of a symbol's live sources its candles are built from: the router's failover decision,
 * carried with every batch so the symbol applies only the active source's data and uses the others'
 * prices for its cross-source check. The router makes a new instance only when the choice changes.
 *
 * @param active the provider whose events build the candles; empty when no live source is chosen
 * @param order  the symbol's providers by preference (the fallback order); events of a source that is
 *               not in it (replay, synthetic) are always applied
 */
public record SourceChoice(String active, List<String> order) {

    /** No live sources: every event is applied. */
    public static final SourceChoice ANY = new SourceChoice("", List.of());

    public SourceChoice {
        order = List.copyOf(order);
    }

    /** Whether events of {@code source} build this symbol's candles. */
    public boolean applies(String source) {
        return source == null || active.equals(source) || !order.contains(source);
    }
}
