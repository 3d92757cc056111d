package io.actortrading.feeds.rest;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorSystem;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * What the providers' REST histories share: an empty window is answered without a request, a symbol
 * the provider cannot spell fails alone as {@code PERMANENT}, every request goes through the provider's
 * {@link ProviderClient}, and every answer is cut to the window's completed minutes of the symbol.
 */
public abstract class RestMinuteHistory implements MinuteHistory {

    private final ProviderClient client;
    private final SymbolMapping symbols;
    private final LongSupplier marketNow;

    /** @param marketNow the market clock in epoch milliseconds: which minutes are complete */
    protected RestMinuteHistory(ActorSystem<?> system, ProviderGate gate, SymbolMapping symbols, LongSupplier marketNow) {
        this.client = new ProviderClient(system, gate);
        this.symbols = symbols;
        this.marketNow = marketNow;
    }

    @Override
    public String source() {
        return client.source();
    }

    @Override
    public final CompletionStage<ProviderReply> minutes(String canonicalSymbol, long fromMillis, long toMillis) {
        MinuteWindow window = new MinuteWindow(fromMillis, toMillis);
        if (window.isEmpty()) {
            return CompletableFuture.completedFuture(MinuteWindow.nothing());
        }
        CompletionStage<ProviderReply> answer;
        try {
            answer = fetch(canonicalSymbol, window);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new ProviderReply.Failure(FailureKind.PERMANENT, e.getMessage()));
        }
        return answer.thenApply(reply -> window.keep(reply, canonicalSymbol, now()));
    }

    @Override
    public Duration budgetWait(long nowMillis) {
        return client.gate().budgetWait(nowMillis);
    }

    /**
     * Asks the provider for (at least) the window's minutes of the symbol.
     *
     * @throws IllegalArgumentException when the provider cannot be asked for this symbol (message says why)
     */
    protected abstract CompletionStage<ProviderReply> fetch(String canonicalSymbol, MinuteWindow window);

    protected ProviderClient client() {
        return client;
    }

    protected SymbolMapping symbols() {
        return symbols;
    }

    protected long now() {
        return marketNow.getAsLong();
    }

    protected String restUrl() {
        return client.gate().settings().restUrl();
    }

    protected String apiKey() {
        return client.gate().settings().apiKey();
    }
}
