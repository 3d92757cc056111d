package io.actortrading.feeds.alphavantage;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.SymbolMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AlphaVantageCodecTest {

    private static final long LATER = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    private final AlphaVantageCodec codec = new AlphaVantageCodec(SymbolMapping.standard());

    static String fixture(String path) {
        try (InputStream in = AlphaVantageCodecTest.class.getResourceAsStream("/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static ProviderReply.Data data(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        return (ProviderReply.Data) reply;
    }

    private static List<Bar> bars(ProviderReply reply) {
        return data(reply).events().stream().map(Bar.class::cast).toList();
    }

    private static void assertFailure(ProviderReply reply, FailureKind kind, String messagePart) {
        assertThat(reply).isInstanceOf(ProviderReply.Failure.class);
        ProviderReply.Failure failure = (ProviderReply.Failure) reply;
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.message()).contains(messagePart);
    }

    @Test
    void decodesTheDocumentedIntradayAnswerIntoOneMinuteBarsInEasternStandardTime() {
        ProviderReply.Data data = data(codec.decodeIntraday(200, fixture("alphavantage/intraday-msft.json"), LATER));

        assertThat(data.skipped()).isZero();
        assertThat(data.nextPage()).isNull();
        assertThat(data.delayed()).isFalse();
        Bar last = (Bar) data.events().get(2);
        double vwap = Bar.typicalPrice(86.5, 86.475, 86.5);
        assertThat(last).isEqualTo(new Bar("MSFT", Timeframe.M1, at("2017-12-18T19:56:00Z"),
                at("2017-12-18T19:57:00Z"), 86.49, 86.5, 86.475, 86.5, 10494, vwap, 0L, "alphavantage"));
    }

    @Test
    void sortsTheNewestFirstSeriesOldestFirst() {
        List<Bar> bars = bars(codec.decodeIntraday(200, fixture("alphavantage/intraday-msft.json"), LATER));

        assertThat(bars).extracting(Bar::start).containsExactly(
                at("2017-12-18T19:54:00Z"), at("2017-12-18T19:55:00Z"), at("2017-12-18T19:56:00Z"));
    }

    @Test
    void convertsEasternTimeAcrossTheDaylightSavingSwitchAndSkipsTheSkippedHour() {
        ProviderReply.Data data = data(codec.decodeIntraday(200, fixture("alphavantage/intraday-dst.json"), LATER));

        assertThat(data.events()).extracting(MarketEvent::timestamp).containsExactly(
                at("2026-03-06T20:59:00Z"), at("2026-03-09T13:30:00Z"));
        assertThat(data.skipped()).as("02:30 on 2026-03-08 never happened in New York").isEqualTo(1);
    }

    @Test
    void mapsTheProviderSpellingToTheCanonicalSymbol() {
        List<Bar> bars = bars(codec.decodeIntraday(200, fixture("alphavantage/intraday-dst.json"), LATER));

        assertThat(bars).extracting(Bar::symbol).containsOnly("BRK.B");
    }

    @Test
    void leavesOutTheBarThatIsStillForming() {
        long duringTheLastMinute = at("2017-12-18T19:56:30Z");

        List<Bar> bars = bars(codec.decodeIntraday(200, fixture("alphavantage/intraday-msft.json"), duringTheLastMinute));

        assertThat(bars).extracting(Bar::start).containsExactly(at("2017-12-18T19:54:00Z"), at("2017-12-18T19:55:00Z"));
        assertThat(bars(codec.decodeIntraday(200, fixture("alphavantage/intraday-msft.json"), at("2017-12-18T19:57:00Z"))))
                .as("a bar ending exactly now is complete").hasSize(3);
    }

    @Test
    void skipsAndCountsDamagedEntries() {
        ProviderReply.Data data = data(codec.decodeIntraday(200, fixture("alphavantage/intraday-damaged.json"), LATER));

        // NaN open, high below low, 30 s past the minute, no volume, February 30, negative volume, not an object
        assertThat(data.skipped()).isEqualTo(7);
        assertThat(data.events()).extracting(MarketEvent::timestamp).containsExactly(at("2017-12-18T19:54:00Z"));
    }

    @Test
    void anIntervalOtherThanOneMinuteIsMalformed() {
        assertFailure(codec.decodeIntraday(200, fixture("alphavantage/intraday-5min.json"), LATER),
                FailureKind.MALFORMED, "Time Series (5min)");
    }

    @Test
    void aSymbolThisSystemDoesNotTradeIsPermanent() {
        assertFailure(codec.decodeIntraday(200, fixture("alphavantage/intraday-foreign-listing.json"), LATER),
                FailureKind.PERMANENT, "TSCO.LON");
    }

    @Test
    void anUnknownTimeZoneIsMalformed() {
        String body = fixture("alphavantage/intraday-msft.json").replace("US/Eastern", "Mars/Olympus");

        assertFailure(codec.decodeIntraday(200, body, LATER), FailureKind.MALFORMED, "Mars/Olympus");
    }

    @Test
    void errorMessageIsPermanent() {
        String body = fixture("alphavantage/error-invalid-call.json");

        assertFailure(codec.decodeIntraday(200, body, LATER), FailureKind.PERMANENT, "Invalid API call");
        assertFailure(codec.decodeGlobalQuote(200, body, LATER), FailureKind.PERMANENT, "Invalid API call");
    }

    @Test
    void informationAboutTheDailyRateLimitIsThrottlingThoughItMentionsPremiumPlans() {
        String body = fixture("alphavantage/information-rate-limit.json");

        assertFailure(codec.decodeIntraday(200, body, LATER), FailureKind.THROTTLED, "25 requests per day");
        assertFailure(codec.decodeGlobalQuote(200, body, LATER), FailureKind.THROTTLED, "25 requests per day");
    }

    @Test
    void noteAboutCallFrequencyIsThrottling() {
        String body = fixture("alphavantage/note-call-frequency.json");

        assertFailure(codec.decodeIntraday(200, body, LATER), FailureKind.THROTTLED, "5 calls per minute");
        assertFailure(codec.decodeGlobalQuote(200, body, LATER), FailureKind.THROTTLED, "5 calls per minute");
    }

    @Test
    void aPremiumEndpointIsNotEntitled() {
        String body = fixture("alphavantage/information-premium-endpoint.json");

        assertFailure(codec.decodeIntraday(200, body, LATER), FailureKind.NOT_ENTITLED, "premium endpoint");
        assertFailure(codec.decodeGlobalQuote(200, body, LATER), FailureKind.NOT_ENTITLED, "premium endpoint");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreTransient(int status) {
        String body = "<html><body>Bad Gateway</body></html>";

        assertFailure(codec.decodeIntraday(status, body, LATER), FailureKind.TRANSIENT, "HTTP " + status);
        assertFailure(codec.decodeGlobalQuote(status, body, LATER), FailureKind.TRANSIENT, "HTTP " + status);
    }

    @ParameterizedTest
    @CsvSource({"429, THROTTLED", "401, UNAUTHORIZED", "403, UNAUTHORIZED", "404, PERMANENT"})
    void otherHttpErrorsAreClassifiedByStatus(int status, FailureKind kind) {
        assertFailure(codec.decodeIntraday(status, "", LATER), kind, "HTTP " + status);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "garbage", "[1,2]", "\"Meta Data\"", "{\"Meta Data\":{}", "{} {}", "{\"Hello\":1}",
        "{\"Meta Data\":[]}", "{\"Meta Data\":{\"6. Time Zone\":\"US/Eastern\"},\"Time Series (1min)\":{}}",
        "{\"Information\":\"The demo API key is for demo purposes only.\"}"})
    void bodiesThatAreNotDocumentedAnswersAreMalformed(String body) {
        assertThat(codec.decodeIntraday(200, body, LATER)).isInstanceOfSatisfying(ProviderReply.Failure.class,
                failure -> assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED));
    }

    @Test
    void aMessageNeverRepeatsTheApiKey() {
        String body = "{\"Error Message\":\"Invalid call: /query?function=X&apikey=SECRET123&symbol=IBM\"}";

        ProviderReply.Failure failure = (ProviderReply.Failure) codec.decodeIntraday(200, body, LATER);

        assertThat(failure.message()).doesNotContain("SECRET123").contains("apikey=***");
    }

    @Test
    void globalQuoteBecomesOneTickOfThePriceStampedWithTheRequestTime() {
        long now = at("2018-10-05T20:15:00Z");

        ProviderReply.Data data = data(codec.decodeGlobalQuote(200, fixture("alphavantage/global-quote-msft.json"), now));

        assertThat(data.events()).containsExactly(Tick.of("MSFT", now, 112.13, 0, "alphavantage"));
        assertThat(data.skipped()).isZero();
    }

    @Test
    void anEmptyGlobalQuoteIsAnUnknownSymbol() {
        assertFailure(codec.decodeGlobalQuote(200, fixture("alphavantage/global-quote-unknown-symbol.json"), LATER),
                FailureKind.PERMANENT, "unknown symbol");
    }

    @Test
    void aGlobalQuoteWithoutAUsablePriceIsMalformed() {
        String body = fixture("alphavantage/global-quote-msft.json").replace("\"112.1300\"", "\"NaN\"");

        assertFailure(codec.decodeGlobalQuote(200, body, LATER), FailureKind.MALFORMED, "price");
    }

    @Test
    void theReplaySampleHoldsNinetyMinutesOfNvdaFromTheOpenOnSecondMarch() {
        List<Bar> bars = bars(codec.decodeIntraday(200, fixture("replay/alphavantage.json"), LATER));

        assertThat(bars).hasSize(90);
        assertThat(bars).extracting(Bar::symbol).containsOnly("NVDA");
        assertThat(bars.get(0).start()).isEqualTo(at("2026-03-02T14:30:00Z"));
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).start() - bars.get(i - 1).start()).isEqualTo(60_000L);
        }
    }
}
