package io.actortrading.feeds.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolygonRestCodecTest {

    private static final long OPEN = 1772461800000L; // 2026-03-02 09:30 EST
    private static final long LATER = OPEN + 86_400_000L;

    private final PolygonRestCodec codec = new PolygonRestCodec();

    static String fixture(String name) {
        String path = "/polygon/rest/" + name;
        try (InputStream in = PolygonRestCodecTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProviderReply.Data data(int status, String body, String symbol, long now) {
        ProviderReply reply = codec.decode(status, body, symbol, now);
        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        return (ProviderReply.Data) reply;
    }

    private ProviderReply.Failure failure(int status, String body) {
        ProviderReply reply = codec.decode(status, body, "AAPL", LATER);
        assertThat(reply).isInstanceOf(ProviderReply.Failure.class);
        return (ProviderReply.Failure) reply;
    }

    @Test
    void decodesMinuteAggregatesIntoOneMinuteBarsWithTheNextPage() {
        ProviderReply.Data data = data(200, fixture("aggs-minute-ok.json"), "AAPL", LATER);

        assertThat(data.events()).containsExactly(
                new Bar("AAPL", Timeframe.M1, OPEN, OPEN + 60_000, 241.37, 241.42, 241.28, 241.31, 95268, 241.3699, 774, "polygon"),
                new Bar("AAPL", Timeframe.M1, OPEN + 60_000, OPEN + 120_000, 241.31, 241.56, 241.29, 241.48, 122844, 241.4435, 1428, "polygon"),
                new Bar("AAPL", Timeframe.M1, OPEN + 120_000, OPEN + 180_000, 241.48, 241.6, 241.44, 241.52, 88410, 241.5162, 903, "polygon"));
        assertThat(data.nextPage()).isEqualTo("https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/minute/1772461920000/2026-03-02"
                + "?cursor=bGltaXQ9MyZzb3J0PWFzYw");
        assertThat(data.delayed()).isFalse();
        assertThat(data.skipped()).isZero();
    }

    @Test
    void marksDelayedDataAsDelayed() {
        ProviderReply.Data data = data(200, fixture("aggs-minute-delayed.json"), "MSFT", LATER);

        assertThat(data.delayed()).isTrue();
        assertThat(data.nextPage()).isNull();
        assertThat(data.events()).singleElement().isEqualTo(
                new Bar("MSFT", Timeframe.M1, OPEN, OPEN + 60_000, 408.1, 408.2, 408.05, 408.13, 41230, 408.1233, 312, "polygon"));
    }

    @Test
    void mapsTheRestCryptoTickerToTheCanonicalPairAndKeepsFractionalVolume() {
        ProviderReply.Data data = data(200, fixture("aggs-minute-crypto.json"), "ETH-USD", LATER);

        assertThat(data.events()).extracting(MarketEvent::symbol).containsExactly("BTC-USD", "BTC-USD");
        assertThat(((Bar) data.events().get(0)).volume()).isEqualTo(3.61527114);
    }

    @Test
    void fallsBackToTheRequestedSymbolWhenTheBodyNamesNoUsableTicker() {
        String noTicker = "{\"status\":\"OK\",\"results\":[{\"o\":1,\"h\":2,\"l\":1,\"c\":2,\"v\":5,\"t\":0}]}";
        String index = "{\"status\":\"OK\",\"ticker\":\"I:SPX\",\"results\":[{\"o\":1,\"h\":2,\"l\":1,\"c\":2,\"v\":5,\"t\":0}]}";

        assertThat(data(200, noTicker, "brk.b", LATER).events()).extracting(MarketEvent::symbol).containsExactly("BRK.B");
        assertThat(data(200, index, "SPY", LATER).events()).extracting(MarketEvent::symbol).containsExactly("SPY");
    }

    @Test
    void mapsATickerGivenAnOverrideBackToItsSymbol() {
        PolygonRestCodec withOverride = new PolygonRestCodec(
                new SymbolMapping(Map.of("FB", Map.of(DataSource.POLYGON_REST, "META"))));
        String body = "{\"status\":\"OK\",\"ticker\":\"META\",\"results\":[{\"o\":1,\"h\":2,\"l\":1,\"c\":2,\"v\":5,\"t\":0}]}";

        ProviderReply reply = withOverride.decode(200, body, "XYZ", LATER);

        assertThat(((ProviderReply.Data) reply).events()).extracting(MarketEvent::symbol).containsExactly("FB");
    }

    @Test
    void refusesBarsThatNoSymbolCanBeGivenTo() {
        String body = "{\"status\":\"OK\",\"ticker\":\"O:AAPL260320C00240000\",\"results\":[{\"o\":1,\"h\":2,\"l\":1,\"c\":2,\"v\":5,\"t\":0}]}";

        ProviderReply reply = codec.decode(200, body, null, LATER);

        assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aggs-results-absent.json", "aggs-results-null.json"})
    void absentOrNullResultsAreNoDataRatherThanAnError(String name) {
        ProviderReply.Data data = data(200, fixture(name), "AAPL", LATER);

        assertThat(data.events()).isEmpty();
        assertThat(data.skipped()).isZero();
    }

    @Test
    void anUnknownApiKeyIsUnauthorized() {
        ProviderReply.Failure failure = failure(401, fixture("error-unknown-api-key.json"));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(failure.message()).isEqualTo("HTTP 401: Unknown API Key");
    }

    @Test
    void notAuthorizedIsNotEntitled() {
        ProviderReply.Failure failure = failure(403, fixture("error-not-authorized.json"));

        assertThat(failure.kind()).isEqualTo(FailureKind.NOT_ENTITLED);
        assertThat(failure.message()).contains("You are not entitled to this data");
    }

    @Test
    void exceedingTheMaximumRequestsIsThrottled() {
        ProviderReply.Failure failure = failure(429, fixture("error-rate-limit.json"));

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure.message()).contains("exceeded the maximum requests per minute");
    }

    @ParameterizedTest
    @CsvSource({
            "error-unknown-api-key.json, UNAUTHORIZED",
            "error-not-authorized.json, NOT_ENTITLED",
            "error-rate-limit.json, THROTTLED"})
    void classifiesErrorBodiesByTheirWordsWhenReplayedWithHttp200(String name, FailureKind expected) {
        assertThat(failure(200, fixture(name)).kind()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreTransientWhateverTheBody(int status) {
        assertThat(failure(status, "<html><body>502 Bad Gateway</body></html>").kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure(status, "{\"status\":\"ERROR\",\"error\":\"internal\"}").kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure(status, null).kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void throttlingWithoutABodyIsStillThrottled() {
        assertThat(failure(429, "").kind()).isEqualTo(FailureKind.THROTTLED);
    }

    @Test
    void otherErrorsArePermanent() {
        assertThat(failure(400, "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Could not parse the time parameter: 'from'.\"}")
                .kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure(200, "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown ticker\"}").kind())
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(failure(404, "not found").kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "[1,2]", "{\"status\":\"OK\",\"results\":[", "{}",
            "{\"status\":\"SOMETHING_NEW\"}", "{\"status\":\"OK\",\"results\":{\"o\":1}}", "{\"status\":7}"})
    void undocumentedBodiesAreMalformed(String body) {
        assertThat(failure(200, body).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void deeplyNestedOrOverlongBodiesAreMalformedRatherThanThrown() {
        String nested = "{\"status\":\"OK\",\"results\":" + "[".repeat(100_000);
        String longNumber = "{\"status\":\"OK\",\"results\":[{\"o\":" + "9".repeat(5_000) + "}]}";

        assertThat(failure(200, nested).kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(failure(200, longNumber).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void aNullBodyIsMalformed() {
        assertThat(failure(200, null).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void leavesOutTheStillFormingMinute() {
        long now = OPEN + 150_000; // the third minute ends at OPEN + 180 s

        ProviderReply.Data data = data(200, fixture("aggs-minute-ok.json"), "AAPL", now);

        assertThat(data.events()).extracting(MarketEvent::timestamp).containsExactly(OPEN, OPEN + 60_000);
        assertThat(data.skipped()).isZero();
    }

    @Test
    void keepsABarThatEndsExactlyNow() {
        ProviderReply.Data data = data(200, fixture("aggs-minute-ok.json"), "AAPL", OPEN + 180_000);

        assertThat(data.events()).hasSize(3);
    }

    @Test
    void sortsOldestFirstAndKeepsTheFirstOfAMinuteSentTwice() {
        String body = "{\"status\":\"OK\",\"ticker\":\"AAPL\",\"results\":["
                + "{\"o\":3,\"h\":3,\"l\":3,\"c\":3,\"v\":1,\"t\":120000},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":0},"
                + "{\"o\":9,\"h\":9,\"l\":9,\"c\":9,\"v\":1,\"t\":120000},"
                + "{\"o\":2,\"h\":2,\"l\":2,\"c\":2,\"v\":1,\"t\":60000}]}";

        ProviderReply.Data data = data(200, body, "AAPL", LATER);

        assertThat(data.events()).extracting(e -> ((Bar) e).open()).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void estimatesAMissingVwapFromTheTypicalPriceAndAMissingTradeCountAsZero() {
        String body = "{\"status\":\"OK\",\"ticker\":\"AAPL\",\"results\":[{\"o\":1,\"h\":4,\"l\":1,\"c\":1,\"v\":10,\"t\":0,\"vw\":null}]}";

        Bar bar = (Bar) data(200, body, "AAPL", LATER).events().get(0);

        assertThat(bar.vwap()).isEqualTo(2.0);
        assertThat(bar.trades()).isZero();
    }

    @Test
    void skipsAndCountsIncompleteOrInconsistentResults() {
        String body = "{\"status\":\"OK\",\"ticker\":\"AAPL\",\"results\":["
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":0},"
                + "null, 5, [],"
                + "{\"o\":1,\"h\":1,\"l\":1,\"v\":1,\"t\":60000},"
                + "{\"o\":\"1\",\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":60000},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":\"60000\"},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":-60000},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":-1,\"t\":60000},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":60000,\"n\":-2},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":60000,\"n\":2.5},"
                + "{\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":60000,\"vw\":\"1\"},"
                + "{\"o\":1,\"h\":1e999,\"l\":1,\"c\":1,\"v\":1,\"t\":60000},"
                + "{\"o\":5,\"h\":2,\"l\":1,\"c\":1,\"v\":1,\"t\":60000},"
                + "{\"o\":1,\"h\":2,\"l\":1.5,\"c\":2,\"v\":1,\"t\":60000}]}";

        ProviderReply.Data data = data(200, body, "AAPL", LATER);

        assertThat(data.events()).extracting(MarketEvent::timestamp).containsExactly(0L);
        assertThat(data.skipped()).isEqualTo(14);
    }

    @Test
    void removesAnApiKeyFromTheNextPageAndFromMessages() {
        String body = "{\"status\":\"OK\",\"next_url\":\"https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/minute/1/2"
                + "?apiKey=SECRET123&cursor=abc\",\"results\":null}";
        String error = "{\"status\":\"ERROR\",\"error\":\"bad request for /v2/aggs?apiKey=SECRET123\"}";

        assertThat(data(200, body, "AAPL", LATER).nextPage())
                .isEqualTo("https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/minute/1/2?cursor=abc");
        assertThat(failure(400, error).message()).doesNotContain("SECRET123");
    }

    @Test
    void decodesTheReplaySampleIntoAWholeRegularSession() throws IOException {
        String body;
        try (InputStream in = PolygonRestCodecTest.class.getResourceAsStream("/replay/polygon-rest.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        ProviderReply.Data data = data(200, body, "AAPL", LATER);

        assertThat(data.events()).hasSize(390).allSatisfy(e -> assertThat(e.symbol()).isEqualTo("AAPL"));
        assertThat(data.events().get(0).timestamp()).isEqualTo(OPEN);
        assertThat(((Bar) data.events().get(389)).end()).isEqualTo(OPEN + 390 * 60_000L);
        assertThat(data.skipped()).isZero();
    }
}
