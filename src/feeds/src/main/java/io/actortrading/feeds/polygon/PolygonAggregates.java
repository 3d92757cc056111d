package io.actortrading.feeds.polygon;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.rest.MinuteWindow;
import io.actortrading.feeds.rest.ProviderUrl;
import io.actortrading.feeds.rest.RestMinuteHistory;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Polygon's minute aggregates, {@code GET /v2/aggs/ticker/{ticker}/range/1/minute/{from}/{to}}, as
 * {@link MinuteHistory}. Polygon's {@code to} is inclusive, so the request ends one millisecond before
 * the window does. Pages are followed through {@code next_url}, moved onto the configured base and
 * given the key again (Polygon leaves it out); every page costs one request of the budget, and one
 * failed page fails the whole answer, since a partial history would read as a complete one.
 */
public final class PolygonAggregates extends RestMinuteHistory {

    /** At 50,000 minutes a page this is years of history; a provider that pages on beyond it is looping. */
    private static final int MAX_PAGES = 100;
    private static final int PAGE_LIMIT = 50_000;

    private final PolygonRestCodec codec;

    public PolygonAggregates(ActorSystem<?> system, ProviderGate gate, SymbolMapping symbols, LongSupplier marketNow) {
        super(system, gate, symbols, marketNow);
        this.codec = new PolygonRestCodec(symbols);
    }

    @Override
    protected CompletionStage<ProviderReply> fetch(String canonicalSymbol, MinuteWindow window) {
        String ticker = symbols().toProvider(canonicalSymbol, DataSource.POLYGON_REST);
        String url = ProviderUrl.of(restUrl(), "v2", "aggs", "ticker", ticker, "range", "1", "minute",
                        Long.toString(window.fromMillis()), Long.toString(window.toMillis() - 1))
                .param("adjusted", true).param("sort", "asc").param("limit", PAGE_LIMIT)
                .paramIfPresent("apiKey", apiKey()).toString();
        return page(url, canonicalSymbol, new Pages(), 1);
    }

    private CompletionStage<ProviderReply> page(String url, String symbol, Pages pages, int number) {
        return client().get(url, (status, body) -> codec.decode(status, body, symbol, now()))
                .thenCompose(reply -> {
                    if (!(reply instanceof ProviderReply.Data data)) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    pages.add(data);
                    if (data.nextPage() == null) {
                        return CompletableFuture.completedFuture(pages.reply());
                    }
                    if (number >= MAX_PAGES) {
                        return CompletableFuture.completedFuture(new ProviderReply.Failure(FailureKind.MALFORMED,
                                "still paging after " + MAX_PAGES + " pages"));
                    }
                    String next = ProviderUrl.continuation(restUrl(), data.nextPage())
                            .paramIfPresent("apiKey", apiKey()).toString();
                    return page(next, symbol, pages, number + 1);
                });
    }

    /** The pages received so far, concatenated; pages arrive one after the other, never concurrently. */
    private static final class Pages {
        private final List<MarketEvent> events = new ArrayList<>();
        private boolean delayed;
        private int skipped;

        void add(ProviderReply.Data page) {
            events.addAll(page.events());
            delayed |= page.delayed();
            skipped += page.skipped();
        }

        ProviderReply reply() {
            return new ProviderReply.Data(events, null, delayed, skipped);
        }
    }
}
