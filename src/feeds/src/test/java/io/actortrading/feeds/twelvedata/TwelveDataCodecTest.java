package io.actortrading.feeds.twelvedata;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwelveDataCodecTest {

    private static final long LATER = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    private final TwelveDataCodec codec = new TwelveDataCodec();

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static String body(String symbol, String zone, String values) {
        return "{\"meta\":{\"symbol\":\"" + symbol + "\",\"interval\":\"1min\",\"exchange_timezone\":\"" + zone
                + "\"},\"values\":[" + values + "],\"status\":\"ok\"}";
    }

    private static String value(String datetime, String open, String high, String low, String close) {
        return "{\"datetime\":\"" + datetime + "\",\"open\":\"" + open + "\",\"high\":\"" + high + "\",\"low\":\""
                + low + "\",\"close\":\"" + close + "\",\"volume\":\"100\"}";
    }

    private static ProviderReply.Data data(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        return (ProviderReply.Data) reply;
    }

    private static ProviderReply.Failure failure(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Failure.class);
        return (ProviderReply.Failure) reply;
    }

    private static List<Long> starts(ProviderReply.Data data) {
        return data.events().stream().map(MarketEvent::timestamp).toList();
    }

    @Test
    void decodesTheDocumentedTimeSeriesOldestFirstInExchangeTime() {
        ProviderReply.Data data = data(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/time-series-aapl.json"), LATER));

        long start = at("2023-08-24T15:08:00Z");
        assertThat(data.events()).containsExactly(
                new Bar("AAPL", Timeframe.M1, start, start + 60_000, 177.755, 177.88499, 177.73, 177.88, 143249,
                        Bar.typicalPrice(177.88499, 177.73, 177.88), 0, "twelvedata"),
                new Bar("AAPL", Timeframe.M1, start + 60_000, start + 120_000, 177.9101, 178.02, 177.91, 178.00121,
                        293189, Bar.typicalPrice(178.02, 177.91, 178.00121), 0, "twelvedata"));
        assertThat(data.skipped()).isZero();
        assertThat(data.nextPage()).isNull();
        assertThat(data.delayed()).isFalse();
    }

    @Test
    void forexWithoutVolumeHasZeroVolumeAndTheCanonicalPair() {
        ProviderReply.Data data = data(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/time-series-eurusd.json"), LATER));

        assertThat(data.events()).hasSize(2).allSatisfy(event -> {
            Bar bar = (Bar) event;
            assertThat(bar.symbol()).isEqualTo("EUR/USD");
            assertThat(bar.volume()).isZero();
        });
        assertThat(starts(data)).containsExactly(at("2026-03-02T14:30:00Z"), at("2026-03-02T14:31:00Z"));
    }

    @Test
    void cryptoPairsMapToTheCanonicalDashedSymbol() {
        ProviderReply.Data data = data(codec.decodeTimeSeries(200,
                body("BTC/USD", "UTC", value("2026-03-02 14:30:00", "100", "101", "99", "100.5")), LATER));

        assertThat(data.events()).extracting(MarketEvent::symbol).containsExactly("BTC-USD");
    }

    @Test
    void overridesDecideTheCanonicalSymbol() {
        TwelveDataCodec renamed = new TwelveDataCodec(
                new SymbolMapping(Map.of("META", Map.of(DataSource.TWELVEDATA, "FB"))));

        ProviderReply.Data data = data(renamed.decodeTimeSeries(200,
                body("FB", "America/New_York", value("2026-03-02 09:30:00", "100", "101", "99", "100.5")), LATER));

        assertThat(data.events()).extracting(MarketEvent::symbol).containsExactly("META");
    }

    @Test
    void outOfCreditsWithHttp200IsThrottled() {
        ProviderReply.Failure failure = failure(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/error-429-out-of-credits.json"), LATER));

        assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure.message()).startsWith("You have run out of API credits for the current minute.");
    }

    @Test
    void refusedApiKeyIsUnauthorized() {
        ProviderReply.Failure failure = failure(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/error-401-apikey.json"), LATER));

        assertThat(failure.kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(failure.message()).isEqualTo("**apikey** parameter is incorrect or not specified.");
    }

    @Test
    void unknownSymbolIsPermanent() {
        ProviderReply.Failure failure = failure(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/error-400-symbol-not-found.json"), LATER));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.message()).isEqualTo("**symbol** not found: ABC/XYZ.");
    }

    @Test
    void planWithoutTheEndpointIsNotEntitled() {
        assertThat(failure(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/error-403-plan.json"), LATER)).kind())
                .isEqualTo(FailureKind.NOT_ENTITLED);
    }

    @Test
    void notFoundIsPermanent() {
        assertThat(failure(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/error-404-not-found.json"), LATER)).kind())
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void serverErrorIsTransient() {
        assertThat(failure(codec.decodeTimeSeries(200, Fixtures.read("twelvedata/error-500-internal.json"), LATER)).kind())
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void errorBodyCodeWinsOverTheHttpStatus() {
        assertThat(failure(codec.decodeTimeSeries(400, Fixtures.read("twelvedata/error-429-out-of-credits.json"), LATER)).kind())
                .isEqualTo(FailureKind.THROTTLED);
    }

    @Test
    void errorBodyWithoutCodeIsClassifiedByTheHttpStatus() {
        assertThat(failure(codec.decodeTimeSeries(429, "{\"status\":\"error\",\"message\":\"slow down\"}", LATER)).kind())
                .isEqualTo(FailureKind.THROTTLED);
        assertThat(failure(codec.decodeTimeSeries(200, "{\"status\":\"error\",\"message\":\"?\"}", LATER)).kind())
                .isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void nonJsonBodiesAreClassifiedByTheHttpStatus() {
        assertThat(failure(codec.decodeTimeSeries(502, "<html>Bad Gateway</html>", LATER)).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure(codec.decodeTimeSeries(429, "", LATER)).kind()).isEqualTo(FailureKind.THROTTLED);
        assertThat(failure(codec.decodeTimeSeries(401, null, LATER)).kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(failure(codec.decodeTimeSeries(403, "forbidden", LATER)).kind()).isEqualTo(FailureKind.NOT_ENTITLED);
        assertThat(failure(codec.decodeTimeSeries(404, "{}", LATER)).kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void garbageWithHttp200IsMalformed() {
        assertThat(failure(codec.decodeTimeSeries(200, "{\"meta\":{\"symbol\":\"AAPL\"", LATER)).kind())
                .isEqualTo(FailureKind.MALFORMED);
        assertThat(failure(codec.decodeTimeSeries(200, null, LATER)).kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(failure(codec.decodeTimeSeries(200, "[1,2]", LATER)).kind()).isEqualTo(FailureKind.MALFORMED);
        assertThat(failure(codec.decodeTimeSeries(200, "{\"status\":\"ok\"}", LATER)).kind())
                .isEqualTo(FailureKind.MALFORMED);
        assertThat(failure(codec.decodeTimeSeries(200, "{\"status\":\"ok\"} trailing", LATER)).kind())
                .isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void aBodyOfAnotherIntervalIsMalformed() {
        String fiveMinutes = Fixtures.read("twelvedata/time-series-aapl.json").replace("\"1min\"", "\"5min\"");

        assertThat(failure(codec.decodeTimeSeries(200, fiveMinutes, LATER)).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void anUnknownTimeZoneIsMalformed() {
        ProviderReply reply = codec.decodeTimeSeries(200,
                body("AAPL", "Mars/Olympus", value("2026-03-02 09:30:00", "100", "101", "99", "100.5")), LATER);

        assertThat(failure(reply).kind()).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void aSymbolThisSystemDoesNotTradeIsPermanent() {
        ProviderReply reply = codec.decodeTimeSeries(200,
                body("^GSPC", "America/New_York", value("2026-03-02 09:30:00", "100", "101", "99", "100.5")), LATER);

        assertThat(failure(reply).kind()).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void leavesOutTheBarStillForming() {
        String values = value("2026-03-02 09:31:00", "100", "101", "99", "100.5") + ","
                + value("2026-03-02 09:30:00", "100", "101", "99", "100.5");

        ProviderReply.Data data = data(codec.decodeTimeSeries(200, body("AAPL", "America/New_York", values),
                at("2026-03-02T14:31:59Z")));

        assertThat(starts(data)).containsExactly(at("2026-03-02T14:30:00Z"));
        assertThat(data.skipped()).isZero();
    }

    @Test
    void keepsTheFirstListedOfTwoBarsWithOneStart() {
        String values = value("2026-03-02 09:30:00", "100", "102", "99", "101") + ","
                + value("2026-03-02 09:30:00", "100", "101", "99", "100.5");

        ProviderReply.Data data = data(codec.decodeTimeSeries(200, body("AAPL", "America/New_York", values), LATER));

        assertThat(data.events()).singleElement().extracting(event -> ((Bar) event).close()).isEqualTo(101.0);
    }

    @Test
    void skipsAndCountsValuesThatAreIncompleteOrMalformed() {
        String values = String.join(",",
                value("2026-03-02 09:36:00", "NaN", "101", "99", "100"),
                value("2026-03-02 09:35:00", "100", "98", "99", "100"),
                value("2026-03-02 09:34:00", "100", "101", "99", "1e999"),
                value("2026-03-02T09:33:00", "100", "101", "99", "100"),
                "{\"datetime\":\"2026-03-02 09:32:00\",\"open\":\"100\",\"high\":\"101\",\"low\":\"99\"}",
                "{\"datetime\":\"2026-03-02 09:31:00\",\"open\":\"100\",\"high\":\"101\",\"low\":\"99\",\"close\":\"100\",\"volume\":\"-5\"}",
                "null",
                value("2026-03-02 09:30:00", "100", "101", "99", "100.5"));

        ProviderReply.Data data = data(codec.decodeTimeSeries(200, body("AAPL", "America/New_York", values), LATER));

        assertThat(starts(data)).containsExactly(at("2026-03-02T14:30:00Z"));
        assertThat(data.skipped()).isEqualTo(7);
    }

    @Test
    void skipsALocalTimeTheZoneSkipsAtTheSpringForward() {
        String values = value("2026-03-08 03:00:00", "100", "101", "99", "100.5") + ","
                + value("2026-03-08 02:30:00", "100", "101", "99", "100.5");

        ProviderReply.Data data = data(codec.decodeTimeSeries(200, body("AAPL", "America/New_York", values), LATER));

        assertThat(starts(data)).containsExactly(at("2026-03-08T07:00:00Z"));
        assertThat(data.skipped()).isEqualTo(1);
    }

    @Test
    void theReplaySampleIsNinetyMinutesOfTheRegularSession() {
        ProviderReply.Data data = data(codec.decodeTimeSeries(200, Fixtures.read("replay/twelvedata.json"), LATER));

        assertThat(data.events()).hasSize(90).extracting(MarketEvent::symbol).containsOnly("AAPL");
        assertThat(data.events().get(0).timestamp()).isEqualTo(at("2026-03-02T14:30:00Z"));
        assertThat(data.events().get(89).timestamp()).isEqualTo(at("2026-03-02T15:59:00Z"));
        assertThat(data.skipped()).isZero();
    }
}
