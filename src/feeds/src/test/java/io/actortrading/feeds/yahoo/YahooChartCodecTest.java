package io.actortrading.feeds.yahoo;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YahooChartCodecTest {

    /** 2026-09-04 09:30 ET, the first bar of the PROVIDERS.md example. */
    private static final long FIRST_START = 1_788_528_600_000L;
    private static final long LONG_AFTER = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();

    private final YahooChartCodec codec = new YahooChartCodec(SymbolMapping.standard());

    @Test
    void documentedBodyDecodesToOneMinuteBarsOfTheCanonicalSymbol() {
        ProviderReply.Data data = data(codec.decode(200, fixture("chart-1m.json"), LONG_AFTER));

        assertThat(data.events()).containsExactly(
                new Bar("AAPL", Timeframe.M1, FIRST_START, FIRST_START + 60_000, 360.0, 360.4, 359.5, 359.6, 120000,
                        Bar.typicalPrice(360.4, 359.5, 359.6), 0, "yahoo"),
                new Bar("AAPL", Timeframe.M1, FIRST_START + 60_000, FIRST_START + 120_000, 359.5, 359.9, 359.1, 359.4,
                        98000, Bar.typicalPrice(359.9, 359.1, 359.4), 0, "yahoo"));
        assertThat(data.nextPage()).isNull();
        assertThat(data.delayed()).isFalse();
    }

    @Test
    void barWithNullElementsIsLeftOutAndCountedAsSkipped() {
        ProviderReply.Data data = data(codec.decode(200, fixture("chart-1m.json"), LONG_AFTER));

        assertThat(starts(data)).doesNotContain(FIRST_START + 120_000);
        assertThat(data.skipped()).isEqualTo(1);
    }

    @Test
    void providersMdExampleFirstBarClosesBelowItsLowAndIsSkipped() {
        ProviderReply.Data data = data(codec.decode(200, fixture("chart-providers-md-example.json"), LONG_AFTER));

        assertThat(starts(data)).containsExactly(FIRST_START + 60_000);
        assertThat(data.skipped()).isEqualTo(2);
    }

    @Test
    void barWithOneNullAmongNumbersIsSkipped() {
        String body = chart("AAPL", "[1788528600,1788528660]",
                "\"open\":[1,2],\"high\":[1,2],\"low\":[1,null],\"close\":[1,2],\"volume\":[5,5]");

        ProviderReply.Data data = data(codec.decode(200, body, LONG_AFTER));

        assertThat(starts(data)).containsExactly(FIRST_START);
        assertThat(data.skipped()).isEqualTo(1);
    }

    @Test
    void stillFormingMinuteIsLeftOutWithoutCountingIt() {
        long duringSecondMinute = FIRST_START + 90_000;

        ProviderReply.Data data = data(codec.decode(200, fixture("chart-1m.json"), duringSecondMinute));

        assertThat(starts(data)).containsExactly(FIRST_START);
        assertThat(data.skipped()).isZero();
    }

    @Test
    void minuteEndingExactlyNowIsClosed() {
        ProviderReply.Data data = data(codec.decode(200, fixture("chart-1m.json"), FIRST_START + 120_000));

        assertThat(starts(data)).containsExactly(FIRST_START, FIRST_START + 60_000);
    }

    @Test
    void rangeWithoutBarsIsDataWithNoEvents() {
        ProviderReply.Data data = data(codec.decode(200, fixture("chart-empty-range.json"), LONG_AFTER));

        assertThat(data.events()).isEmpty();
        assertThat(data.skipped()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chart-trading-periods-nested-array.json", "chart-trading-periods-by-session.json"})
    void eitherShapeOfTradingPeriodsDecodes(String fixture) {
        ProviderReply.Data data = data(codec.decode(200, fixture(fixture), LONG_AFTER));

        assertThat(data.events()).hasSize(2).allMatch(event -> event.symbol().equals("BRK.B"));
        assertThat(data.skipped()).isZero();
    }

    @Test
    void classSharesAreSpelledTheCanonicalWay() {
        ProviderReply.Data data = data(codec.decode(200, fixture("chart-trading-periods-nested-array.json"), LONG_AFTER));

        assertThat(data.events()).extracting(MarketEvent::symbol).containsOnly("BRK.B");
    }

    @Test
    void overridesOfTheSymbolMappingApply() {
        YahooChartCodec renamed = new YahooChartCodec(new SymbolMapping(Map.of("BRKB", Map.of(DataSource.YAHOO, "BRK-B"))));

        ProviderReply.Data data = data(renamed.decode(200, fixture("chart-trading-periods-by-session.json"), LONG_AFTER));

        assertThat(data.events()).extracting(MarketEvent::symbol).containsOnly("BRKB");
    }

    @Test
    void symbolThisSystemDoesNotTradeIsMalformed() {
        assertFailure(codec.decode(200, fixture("chart-index.json"), LONG_AFTER), FailureKind.MALFORMED, "^GSPC");
    }

    @Test
    void foreignListingIsMalformed() {
        String body = chart("VOD.L", "[1788528600]", "\"open\":[1],\"high\":[1],\"low\":[1],\"close\":[1],\"volume\":[1]");

        assertFailure(codec.decode(200, body, LONG_AFTER), FailureKind.MALFORMED, "VOD.L");
    }

    @Test
    void notFoundIsPermanent() {
        assertFailure(codec.decode(404, fixture("error-not-found.json"), LONG_AFTER), FailureKind.PERMANENT,
                "Not Found: No data found, symbol may be delisted");
    }

    @Test
    void badRequestIsPermanent() {
        assertFailure(codec.decode(400, fixture("error-bad-request.json"), LONG_AFTER), FailureKind.PERMANENT,
                "Bad Request: Invalid input - interval=7m is not supported");
    }

    @Test
    void unprocessableEntityIsPermanent() {
        assertFailure(codec.decode(422, fixture("error-unprocessable-entity.json"), LONG_AFTER), FailureKind.PERMANENT,
                "Unprocessable Entity: Only 8 days worth of 1m granularity data");
    }

    @Test
    void errorBodyIsAFailureEvenWithStatus200() {
        assertFailure(codec.decode(200, fixture("error-not-found.json"), LONG_AFTER), FailureKind.PERMANENT, "Not Found");
    }

    @Test
    void plainTextTooManyRequestsIsThrottled() {
        assertFailure(codec.decode(429, fixture("too-many-requests.txt"), LONG_AFTER), FailureKind.THROTTLED,
                "Too Many Requests");
    }

    @Test
    void status429IsThrottledWhateverTheBody() {
        assertFailure(codec.decode(429, null, LONG_AFTER), FailureKind.THROTTLED, "Too Many Requests");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorIsTransient(int status) {
        assertFailure(codec.decode(status, "<html><body>Bad Gateway</body></html>", LONG_AFTER), FailureKind.TRANSIENT,
                "HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedAccessIsUnauthorized(int status) {
        assertFailure(codec.decode(status, "{\"finance\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\"}}}",
                LONG_AFTER), FailureKind.UNAUTHORIZED, "HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Too Many", "{", "{\"chart\":", "[]", "{\"chart\":{}}", "{\"chart\":{\"result\":[]}}",
            "{\"chart\":{\"result\":[{}],\"error\":null}}", "{\"chart\":{\"result\":null,\"error\":null}}",
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"AAPL\"}}]}}",
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"AAPL\"},\"timestamp\":7,\"indicators\":{\"quote\":[{}]}}]}}",
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"AAPL\"},\"timestamp\":[1788528600],\"indicators\":{\"quote\":[{}]}}]}}",
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"AAPL\"},\"indicators\":{\"quote\":[{\"open\":[1]}]}}]}}",
            "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":7},\"indicators\":{\"quote\":[{}]}}]}}",
            "{\"chart\":{\"result\":null,\"error\":null}} trailing"})
    void bodyYahooDoesNotDocumentIsMalformed(String body) {
        assertThat(codec.decode(200, body, LONG_AFTER))
                .isInstanceOfSatisfying(ProviderReply.Failure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @Test
    void nullBodyIsMalformed() {
        assertFailure(codec.decode(200, null, LONG_AFTER), FailureKind.MALFORMED, "");
    }

    @Test
    void barsAreSortedAndARepeatedMinuteKeepsYahoosLaterElement() {
        String body = chart("AAPL", "[1788528660,1788528600,1788528660]",
                "\"open\":[2,1,3],\"high\":[2,1,3],\"low\":[2,1,3],\"close\":[2,1,3],\"volume\":[1,1,1]");

        ProviderReply.Data data = data(codec.decode(200, body, LONG_AFTER));

        assertThat(starts(data)).containsExactly(FIRST_START, FIRST_START + 60_000);
        assertThat(((Bar) data.events().get(1)).close()).isEqualTo(3.0);
        assertThat(data.skipped()).isZero();
    }

    @Test
    void livePointOffTheMinuteIsNoBar() {
        String body = chart("AAPL", "[1788528600,1788528601]",
                "\"open\":[1,1],\"high\":[1,1],\"low\":[1,1],\"close\":[1,1],\"volume\":[1,1]");

        ProviderReply.Data data = data(codec.decode(200, body, LONG_AFTER));

        assertThat(starts(data)).containsExactly(FIRST_START);
        assertThat(data.skipped()).isEqualTo(1);
    }

    @Test
    void contradictoryOrMistypedElementsAreSkipped() {
        String body = chart("AAPL", "[1788528600,1788528660,1788528720,1788528780,\"1788528840\",-60]",
                "\"open\":[5,1,1,1,1,1],\"high\":[4,1,1,1,1,1],\"low\":[1,1,1,1,1,1],\"close\":[2,\"1\",1,1,1,1],"
                        + "\"volume\":[1,1,-1,1e999,1,1]");

        ProviderReply.Data data = data(codec.decode(200, body, LONG_AFTER));

        assertThat(data.events()).isEmpty();
        assertThat(data.skipped()).isEqualTo(6);
    }

    @Test
    void parallelArraysShorterThanTimestampSkipTheBarsTheyLack() {
        String body = chart("AAPL", "[1788528600,1788528660]",
                "\"open\":[1],\"high\":[1],\"low\":[1],\"close\":[1],\"volume\":[1]");

        ProviderReply.Data data = data(codec.decode(200, body, LONG_AFTER));

        assertThat(starts(data)).containsExactly(FIRST_START);
        assertThat(data.skipped()).isEqualTo(1);
    }

    @Test
    void replaySampleHoldsTheFirstNinetyMinutesOfMarch2nd() {
        ProviderReply.Data data = data(codec.decode(200, resource("/replay/yahoo-chart.json"), LONG_AFTER));

        long open = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();
        assertThat(data.events()).hasSize(90).allMatch(event -> event.symbol().equals("NVDA"));
        assertThat(starts(data)).first().isEqualTo(open);
        assertThat(starts(data)).last().isEqualTo(open + 89 * 60_000L);
        assertThat(data.skipped()).isZero();
    }

    @Test
    void browserUserAgentLooksLikeABrowser() {
        assertThat(YahooChartCodec.BROWSER_USER_AGENT).startsWith("Mozilla/5.0 (").doesNotContain("Java");
    }

    private static String chart(String symbol, String timestamps, String quote) {
        return "{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"" + symbol + "\"},\"timestamp\":" + timestamps
                + ",\"indicators\":{\"quote\":[{" + quote + "}]}}],\"error\":null}}";
    }

    private static ProviderReply.Data data(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        return (ProviderReply.Data) reply;
    }

    private static List<Long> starts(ProviderReply.Data data) {
        return data.events().stream().map(MarketEvent::timestamp).toList();
    }

    private static void assertFailure(ProviderReply reply, FailureKind kind, String messagePart) {
        assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.message()).contains(messagePart);
        });
    }

    static String fixture(String name) {
        return resource("/yahoo/" + name);
    }

    private static String resource(String path) {
        try (InputStream in = YahooChartCodecTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
