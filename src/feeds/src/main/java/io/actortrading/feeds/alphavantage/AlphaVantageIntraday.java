package io.actortrading.feeds.alphavantage;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.rest.MinuteWindow;
import io.actortrading.feeds.rest.ProviderUrl;
import io.actortrading.feeds.rest.RestMinuteHistory;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Alpha Vantage's {@code TIME_SERIES_INTRADAY} with {@code interval=1min} as {@link MinuteHistory}.
 * {@code outputsize=compact} holds the latest 100 minutes, so it is asked for when the window starts
 * within them, and {@code full} otherwise (a much larger body, same cost in the budget). US equities
 * only: Alpha Vantage's crypto and forex intraday series are other (premium) functions, so those symbols
 * fail alone as {@code PERMANENT} without a request, rather than fail the whole source as a refused plan would.
 */
public final class AlphaVantageIntraday extends RestMinuteHistory {

    /** What {@code outputsize=compact} returns: the latest 100 data points. */
    private static final long COMPACT_MINUTES = 100;

    private final AlphaVantageCodec codec;

    public AlphaVantageIntraday(ActorSystem<?> system, ProviderGate gate, SymbolMapping symbols, LongSupplier marketNow) {
        super(system, gate, symbols, marketNow);
        this.codec = new AlphaVantageCodec(symbols);
    }

    @Override
    protected CompletionStage<ProviderReply> fetch(String canonicalSymbol, MinuteWindow window) {
        String symbol = symbols().toProvider(canonicalSymbol, DataSource.ALPHAVANTAGE);
        if (Instrument.infer(canonicalSymbol).assetClass() != AssetClass.US_EQUITY) {
            throw new IllegalArgumentException(
                    "Alpha Vantage intraday minutes are served for US equities only, not " + canonicalSymbol);
        }
        boolean compact = window.fromMillis() >= now() - COMPACT_MINUTES * MinuteWindow.MINUTE_MILLIS;
        String url = ProviderUrl.of(restUrl(), "query")
                .param("function", "TIME_SERIES_INTRADAY").param("symbol", symbol).param("interval", "1min")
                .param("outputsize", compact ? "compact" : "full")
                .paramIfPresent("apikey", apiKey()).toString();
        return client().get(url, (status, body) -> codec.decodeIntraday(status, body, now()));
    }
}
