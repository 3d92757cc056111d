package io.actortrading.node.replay;

import io.actortrading.node.symbol.SymbolActor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers what the symbol actors announce during a replay. Each symbol says {@code Flushed} after
 * its last bar, on the same path as its bars, so once every expected symbol has said it, every bar
 * is here.
 */
final class BarCollector {

    private final List<SymbolActor.BarUpdate> updates = new ArrayList<>();
    private final Set<String> flushed = new HashSet<>();
    private Set<String> expected;
    private CompletableFuture<Void> allFlushed;

    Behavior<SymbolActor.SymbolUpdate> behavior() {
        return Behaviors.receive(SymbolActor.SymbolUpdate.class)
                .onMessage(SymbolActor.BarUpdate.class, update -> {
                    add(update);
                    return Behaviors.same();
                })
                .onMessage(SymbolActor.Flushed.class, done -> {
                    flushed(done.symbol());
                    return Behaviors.same();
                })
                .build();
    }

    private synchronized void add(SymbolActor.BarUpdate update) {
        updates.add(update);
    }

    private synchronized void flushed(String symbol) {
        flushed.add(symbol);
        completeIfDone();
    }

    synchronized CompletableFuture<Void> expect(Set<String> symbols) {
        expected = Set.copyOf(symbols);
        allFlushed = new CompletableFuture<>();
        completeIfDone();
        return allFlushed;
    }

    private void completeIfDone() {
        if (allFlushed != null && flushed.containsAll(expected)) {
            allFlushed.complete(null);
        }
    }

    synchronized List<SymbolActor.BarUpdate> updates() {
        return List.copyOf(updates);
    }
}
