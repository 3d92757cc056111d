package io.actortrading.feeds.yahoo;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.rest.MinuteWindow;
import io.actortrading.feeds.rest.ProviderUrl;
import io.actortrading.feeds.rest.RestMinuteHistory;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Yahoo's chart API, {@code GET /v8/finance/chart/{symbol}?interval=1m&period1=..&period2=..}, as
 * {@link MinuteHistory}: regular session only ({@code includePrePost=false}), periods in epoch seconds
 * covering the window. The codec leaves out the still-forming minute; the answer is cut to the window.
 * Yahoo wants a browser-like User-Agent (the provider's {@code user-agent} setting).
 */
public final class YahooChartHistory extends RestMinuteHistory {

    private static final long MILLIS_PER_SECOND = 1_000L;

    private final YahooChartCodec codec;

    public YahooChartHistory(ActorSystem<?> system, ProviderGate gate, SymbolMapping symbols, LongSupplier marketNow) {
        super(system, gate, symbols, marketNow);
        this.codec = new YahooChartCodec(symbols);
    }

    @Override
    protected CompletionStage<ProviderReply> fetch(String canonicalSymbol, MinuteWindow window) {
        String symbol = symbols().toProvider(canonicalSymbol, DataSource.YAHOO);
        String url = ProviderUrl.of(restUrl(), "v8", "finance", "chart", symbol)
                .param("interval", "1m")
                .param("period1", Math.floorDiv(window.fromMillis(), MILLIS_PER_SECOND))
                .param("period2", Math.floorDiv(window.toMillis() + MILLIS_PER_SECOND - 1, MILLIS_PER_SECOND))
                .param("includePrePost", false).toString();
        return client().get(url, (status, body) -> codec.decode(status, body, now()));
    }
}
