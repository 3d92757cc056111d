package io.actortrading.fakes;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.yahoo.YahooChartCodec;
import io.actortrading.market.Bar;
import io.actortrading.market.symbols.SymbolMapping;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.actortrading.fakes.PolygonRestTest.kind;
import static org.assertj.core.api.Assertions.assertThat;

class YahooChartTest extends FixedClockTest {

    private static final long FROM = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();

    private final YahooChartCodec codec = new YahooChartCodec(SymbolMapping.standard());

    YahooChartTest() {
        super(FakeEndpoint.YAHOO, FakeSettings.defaults(), new FakeTape(5, 20));
    }

    private ProviderClient.Answer chart(String symbol, String query) {
        return ProviderClient.get(fakes.baseUrl(FakeEndpoint.YAHOO) + "/v8/finance/chart/" + symbol + "?" + query,
                "User-Agent", ProviderClient.BROWSER);
    }

    private ProviderReply decode(ProviderClient.Answer answer, long now) {
        return codec.decode(answer.status(), answer.body(), now);
    }

    @Test
    void periodBarsEqualTheTapeAndEndWithTheFormingMinute() {
        ProviderClient.Answer answer = chart("MSFT", "interval=1m&includePrePost=true&period1=" + FROM / 1000
                + "&period2=" + (NOW / 1000 + 3600));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"exchangeTimezoneName\":\"America/New_York\"", "\"symbol\":\"MSFT\"",
                "\"dataGranularity\":\"1m\"", "\"error\":null");
        ProviderReply.Data data = (ProviderReply.Data) decode(answer, NOW);
        assertThat(data.events()).hasSize(30);
        assertThat(data.skipped()).isZero();
        for (int i = 0; i < data.events().size(); i++) {
            ProviderClient.assertBarIs((Bar) data.events().get(i), tape.minute("MSFT", FROM + i * MINUTE), false);
        }
        FakeMinute forming = tape.aggregate("MSFT", NOW - 30_000, NOW).orElseThrow();
        ProviderReply.Data later = (ProviderReply.Data) decode(answer, NOW + MINUTE);
        assertThat(later.events()).as("the forming minute is the last element").hasSize(31);
        Bar last = (Bar) later.events().get(30);
        assertThat(last.start()).isEqualTo(forming.start());
        assertThat(new double[] {last.open(), last.close(), last.volume()})
                .containsExactly(forming.open(), forming.close(), forming.volume());
    }

    @Test
    void rangeOfOneDayCoversTheCryptoDaySoFar() {
        ProviderClient.Answer answer = chart("BTC-USD", "interval=1m&range=1d");
        assertThat(answer.body()).contains("\"exchangeTimezoneName\":\"UTC\"", "\"range\":\"1d\"");
        ProviderReply.Data data = (ProviderReply.Data) decode(answer, NOW);
        long midnight = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
        assertThat(data.events()).hasSize((int) ((NOW - 30_000 - midnight) / MINUTE));
        ProviderClient.assertBarIs((Bar) data.events().get(0), tape.minute("BTC-USD", midnight), false);
    }

    @Test
    void anEmptyRangeHasNoTimestampsAndAnEmptyQuote() {
        ProviderClient.Answer answer = chart("MSFT", "interval=1m&period1=" + (NOW / 1000 + 600) + "&period2=" + (NOW / 1000 + 900));
        assertThat(answer.body()).doesNotContain("timestamp").contains("\"quote\":[{}]");
        assertThat(((ProviderReply.Data) decode(answer, NOW)).events()).isEmpty();
    }

    @Test
    void withoutABrowserUserAgentYahooAnswersPlainTextTooManyRequests() {
        ProviderClient.Answer answer = ProviderClient.get(fakes.baseUrl(FakeEndpoint.YAHOO) + "/v8/finance/chart/MSFT?interval=1m");
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.body()).isEqualTo("Too Many Requests");
        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(kind(decode(answer, NOW))).isEqualTo(FailureKind.THROTTLED);
    }

    @Test
    void errorsAreYahoosDocumentedBodies() {
        ProviderClient.Answer unknown = chart("%5EGSPC", "interval=1m");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"Not Found\"", "No data found, symbol may be delisted");
        assertThat(kind(decode(unknown, NOW))).isEqualTo(FailureKind.PERMANENT);
        ProviderClient.Answer interval = chart("MSFT", "interval=5m");
        assertThat(interval.status()).isEqualTo(400);
        assertThat(interval.body()).contains("\"code\":\"Bad Request\"");
        assertThat(kind(decode(interval, NOW))).isEqualTo(FailureKind.PERMANENT);
        ProviderClient.Answer tooLong = chart("MSFT", "interval=1m&period1=" + (NOW / 1000 - 10 * 86_400) + "&period2=" + NOW / 1000);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("Only 8 days worth of 1m granularity data");
        assertThat(kind(decode(tooLong, NOW))).isEqualTo(FailureKind.PERMANENT);
        assertThat(chart("MSFT", "").status()).as("interval defaults to 1m").isEqualTo(200);
        ProviderClient.Answer elsewhere = ProviderClient.get(fakes.baseUrl(FakeEndpoint.YAHOO) + "/v7/finance/quote",
                "User-Agent", ProviderClient.BROWSER);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("\"finance\"");
    }

    @Test
    void eachFaultIsAnsweredAsYahooAnswersIt() {
        FakeFaults faults = faults();
        faults.throttle(true);
        assertThat(kind(decode(chart("MSFT", "interval=1m"), NOW))).isEqualTo(FailureKind.THROTTLED);
        faults.throttle(false).refuseAuth(true);
        ProviderClient.Answer refused = chart("MSFT", "interval=1m");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(kind(decode(refused, NOW))).isEqualTo(FailureKind.UNAUTHORIZED);
        faults.refuseAuth(false).serverError(true);
        assertThat(kind(decode(chart("MSFT", "interval=1m"), NOW))).isEqualTo(FailureKind.TRANSIENT);
        faults.serverError(false).garbage(true);
        assertThat(kind(decode(chart("MSFT", "interval=1m"), NOW))).isEqualTo(FailureKind.MALFORMED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> faults.notEntitled(true))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
