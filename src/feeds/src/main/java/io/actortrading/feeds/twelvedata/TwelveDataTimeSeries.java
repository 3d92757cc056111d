package io.actortrading.feeds.twelvedata;

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

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Twelve Data's {@code GET /time_series?interval=1min} as {@link MinuteHistory}, one credit per call.
 * {@code start_date} and {@code end_date} are read by Twelve Data in the exchange's local time, the
 * zone its answer names in {@code meta.exchange_timezone}: New York for US equities, UTC for crypto
 * and forex. {@code end_date} is the window's end (a bar starting there is cut off again, whether
 * Twelve Data includes it or not), and {@code outputsize} is the window's minutes plus that one, at
 * most Twelve Data's 5,000.
 */
public final class TwelveDataTimeSeries extends RestMinuteHistory {

    private static final int MAX_OUTPUT_SIZE = 5_000;
    private static final ZoneId US_EQUITY_ZONE = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final TwelveDataCodec codec;

    public TwelveDataTimeSeries(ActorSystem<?> system, ProviderGate gate, SymbolMapping symbols, LongSupplier marketNow) {
        super(system, gate, symbols, marketNow);
        this.codec = new TwelveDataCodec(symbols);
    }

    @Override
    protected CompletionStage<ProviderReply> fetch(String canonicalSymbol, MinuteWindow window) {
        String symbol = symbols().toProvider(canonicalSymbol, DataSource.TWELVEDATA);
        ZoneId zone = Instrument.infer(canonicalSymbol).assetClass() == AssetClass.US_EQUITY ? US_EQUITY_ZONE : ZoneOffset.UTC;
        String url = ProviderUrl.of(restUrl(), "time_series")
                .param("symbol", symbol).param("interval", "1min")
                .param("outputsize", Math.min(MAX_OUTPUT_SIZE, window.minutes() + 1))
                .param("start_date", local(window.fromMillis(), zone))
                .param("end_date", local(window.toMillis(), zone))
                .paramIfPresent("apikey", apiKey()).toString();
        return client().get(url, (status, body) -> codec.decodeTimeSeries(status, body, now()));
    }

    private static String local(long epochMillis, ZoneId zone) {
        return DATETIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }
}
