package io.actortrading.fakes;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.twelvedata.TwelveDataCodec;
import io.actortrading.market.Bar;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.actortrading.fakes.PolygonRestTest.kind;
import static org.assertj.core.api.Assertions.assertThat;

class TwelveDataRestTest extends FixedClockTest {

    private static final String KEY = FakeSettings.DEFAULT_TWELVEDATA_KEY;

    private final TwelveDataCodec codec = new TwelveDataCodec();

    TwelveDataRestTest() {
        super(FakeEndpoint.TWELVEDATA_REST, FakeSettings.defaults(), new FakeTape(13, 20));
    }

    private ProviderClient.Answer series(String symbol, String query) {
        return ProviderClient.get(fakes.baseUrl(FakeEndpoint.TWELVEDATA_REST) + "/time_series?symbol="
                + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&interval=1min" + query);
    }

    private ProviderReply decode(ProviderClient.Answer answer) {
        return codec.decodeTimeSeries(answer.status(), answer.body(), NOW);
    }

    @Test
    void outputSizeGivesTheNewestCompletedMinutesNewestFirst() {
        ProviderClient.Answer answer = series("AAPL", "&outputsize=45&apikey=" + KEY);
        assertThat(answer.body()).contains("\"exchange_timezone\":\"America/New_York\"", "\"status\":\"ok\"",
                "\"datetime\":\"2026-03-02 09:59:00\"");
        assertThat(answer.body().indexOf("09:59:00")).isLessThan(answer.body().indexOf("09:58:00"));
        ProviderReply.Data data = (ProviderReply.Data) decode(answer);
        assertThat(data.events()).hasSize(45);
        long oldest = NOW - 30_000 - 45 * MINUTE;
        for (int i = 0; i < 45; i++) {
            ProviderClient.assertBarIs((Bar) data.events().get(i), tape.minute("AAPL", oldest + i * MINUTE), false);
        }
        assertThat(((ProviderReply.Data) decode(series("AAPL", "&apikey=" + KEY))).events()).as("default 30").hasSize(30);
    }

    @Test
    void startInclusiveEndExclusiveInExchangeTimeForCrypto() {
        ProviderClient.Answer answer = series("BTC/USD", "&start_date=2026-03-02%2014:10:00&end_date=2026-03-02%2014:20:00&apikey=" + KEY);
        assertThat(answer.body()).contains("\"exchange_timezone\":\"UTC\"", "\"symbol\":\"BTC/USD\"");
        ProviderReply.Data data = (ProviderReply.Data) decode(answer);
        assertThat(data.events()).hasSize(10);
        long start = Instant.parse("2026-03-02T14:10:00Z").toEpochMilli();
        for (int i = 0; i < 10; i++) {
            ProviderClient.assertBarIs((Bar) data.events().get(i), tape.minute("BTC-USD", start + i * MINUTE), false);
        }
    }

    @Test
    void errorsComeWithHttp200AndAnErrorStatus() {
        ProviderClient.Answer wrongKey = series("AAPL", "&apikey=nope");
        assertThat(wrongKey.status()).isEqualTo(200);
        assertThat(wrongKey.body()).isEqualTo(
                "{\"code\":401,\"message\":\"**apikey** parameter is incorrect or not specified.\",\"status\":\"error\"}");
        assertThat(kind(decode(wrongKey))).isEqualTo(FailureKind.UNAUTHORIZED);
        ProviderClient.Answer unknown = series("ABC/XYZ", "&apikey=" + KEY);
        assertThat(unknown.body()).contains("**symbol** not found: ABC/XYZ");
        assertThat(kind(decode(unknown))).isEqualTo(FailureKind.PERMANENT);
        ProviderClient.Answer future = series("AAPL", "&start_date=2026-03-03&apikey=" + KEY);
        assertThat(future.body()).contains("No data is available on the specified dates");
    }

    @Test
    void eachFaultIsAnsweredAsTwelveDataAnswersIt() {
        FakeFaults faults = faults();
        faults.throttle(true);
        ProviderClient.Answer throttled = series("AAPL", "&apikey=" + KEY);
        assertThat(throttled.status()).isEqualTo(200);
        assertThat(kind(decode(throttled))).isEqualTo(FailureKind.THROTTLED);
        faults.throttle(false).notEntitled(true);
        assertThat(kind(decode(series("AAPL", "&apikey=" + KEY)))).isEqualTo(FailureKind.NOT_ENTITLED);
        faults.notEntitled(false).refuseAuth(true);
        assertThat(kind(decode(series("AAPL", "&apikey=" + KEY)))).isEqualTo(FailureKind.UNAUTHORIZED);
        faults.refuseAuth(false).serverError(true);
        assertThat(kind(decode(series("AAPL", "&apikey=" + KEY)))).isEqualTo(FailureKind.TRANSIENT);
        faults.serverError(false).garbage(true);
        assertThat(kind(decode(series("AAPL", "&apikey=" + KEY)))).isEqualTo(FailureKind.MALFORMED);
    }
}
