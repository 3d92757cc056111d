package io.actortrading.fakes;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.polygon.PolygonRestCodec;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolygonRestTest extends FixedClockTest {

    private static final long FROM = Instant.parse("2026-03-02T14:30:00Z").toEpochMilli();
    private static final int PAGE_SIZE = 7;
    private static final String KEY = FakeSettings.DEFAULT_POLYGON_KEY;

    private final PolygonRestCodec codec = new PolygonRestCodec();

    PolygonRestTest() {
        super(FakeEndpoint.POLYGON_REST, FakeSettings.defaults().withPolygonPageSize(PAGE_SIZE), new FakeTape(3, 20));
    }

    private String url(String ticker, Object from, Object to, String query) {
        return fakes.baseUrl(FakeEndpoint.POLYGON_REST) + "/v2/aggs/ticker/" + ticker + "/range/1/minute/" + from + "/" + to
                + "?adjusted=true&limit=50000" + query;
    }

    private ProviderReply decode(ProviderClient.Answer answer, String symbol) {
        return codec.decode(answer.status(), answer.body(), symbol, NOW);
    }

    @Test
    void pagesFollowedThroughNextUrlGiveEveryCompletedMinuteOfTheTape() {
        List<MarketEvent> events = new ArrayList<>();
        String url = url("MSFT", FROM, NOW + 10 * MINUTE, "&sort=asc&apiKey=" + KEY);
        int pages = 0;
        while (url != null) {
            ProviderClient.Answer answer = ProviderClient.get(url);
            assertThat(answer.status()).isEqualTo(200);
            ProviderReply.Data data = (ProviderReply.Data) decode(answer, "MSFT");
            events.addAll(data.events());
            assertThat(data.delayed()).isFalse();
            url = data.nextPage() == null ? null : data.nextPage() + "&apiKey=" + KEY;
            if (data.nextPage() != null) {
                assertThat(data.nextPage()).startsWith(fakes.httpBase()).doesNotContainIgnoringCase("apikey");
            }
            pages++;
        }
        // 14:30 up to the last completed minute, 14:59
        assertThat(events).hasSize(30);
        assertThat(pages).isEqualTo(5);
        for (int i = 0; i < events.size(); i++) {
            ProviderClient.assertBarIs((Bar) events.get(i), tape.minute("MSFT", FROM + i * MINUTE), true);
        }
    }

    @Test
    void cryptoTickerWithDatesAndBearerKeyGivesTheCryptoPair() {
        ProviderClient.Answer answer = ProviderClient.get(
                url("X:BTCUSD", "2026-03-02", "2026-03-02", "&sort=desc"), "Authorization", "Bearer " + KEY);
        assertThat(answer.body()).contains("\"ticker\":\"X:BTCUSD\"");
        ProviderReply.Data data = (ProviderReply.Data) decode(answer, "BTC-USD");
        assertThat(data.events()).hasSize(PAGE_SIZE);
        Bar newest = (Bar) data.events().get(data.events().size() - 1);
        ProviderClient.assertBarIs(newest, tape.minute("BTC-USD", LAST_COMPLETED), true);
        assertThat(data.nextPage()).contains("/2026-03-02/").contains("cursor=");
    }

    @Test
    void aRangeWithoutCompletedMinutesHasNoResults() {
        ProviderClient.Answer answer = ProviderClient.get(url("MSFT", NOW, NOW + MINUTE, "&apiKey=" + KEY));
        assertThat(answer.body()).doesNotContain("\"results\":").contains("\"resultsCount\":0").contains("\"status\":\"OK\"");
        assertThat(((ProviderReply.Data) decode(answer, "MSFT")).events()).isEmpty();
    }

    @Test
    void aWrongOrMissingKeyIsUnauthorized() {
        ProviderClient.Answer wrong = ProviderClient.get(url("MSFT", FROM, NOW, "&apiKey=nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"status\":\"ERROR\"").contains("\"error\":\"Unknown API Key\"").contains("request_id");
        assertThat(kind(decode(wrong, "MSFT"))).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(kind(decode(ProviderClient.get(url("MSFT", FROM, NOW, "")), "MSFT"))).isEqualTo(FailureKind.UNAUTHORIZED);
        faults().refuseAuth(true);
        assertThat(kind(decode(ProviderClient.get(url("MSFT", FROM, NOW, "&apiKey=" + KEY)), "MSFT")))
                .isEqualTo(FailureKind.UNAUTHORIZED);
    }

    @Test
    void eachFaultIsAnsweredAsPolygonAnswersIt() {
        FakeFaults faults = faults();
        String url = url("MSFT", FROM, NOW, "&apiKey=" + KEY);

        faults.throttle(true);
        ProviderClient.Answer throttled = ProviderClient.get(url);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(kind(decode(throttled, "MSFT"))).isEqualTo(FailureKind.THROTTLED);
        faults.throttle(false).notEntitled(true);
        ProviderClient.Answer refused = ProviderClient.get(url);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"status\":\"NOT_AUTHORIZED\"");
        assertThat(kind(decode(refused, "MSFT"))).isEqualTo(FailureKind.NOT_ENTITLED);
        faults.notEntitled(false).serverError(true);
        ProviderClient.Answer failed = ProviderClient.get(url);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(kind(decode(failed, "MSFT"))).isEqualTo(FailureKind.TRANSIENT);
        faults.serverError(false).refuseConnections(true);
        assertThat(ProviderClient.get(url).status()).isEqualTo(503);
        faults.refuseConnections(false).garbage(true);
        for (int i = 0; i < 4; i++) {
            ProviderClient.Answer garbage = ProviderClient.get(url);
            assertThat(garbage.status()).isEqualTo(200);
            assertThat(kind(decode(garbage, "MSFT"))).isEqualTo(FailureKind.MALFORMED);
        }
        faults.clear();
        assertThat(decode(ProviderClient.get(url), "MSFT")).isInstanceOf(ProviderReply.Data.class);
    }

    @Test
    void delayedSettingsAnswerWithStatusDelayed() {
        try (ProviderFakes delayed = ProviderFakes.start(FakeSettings.defaults().withPolygonDelayed(true), tape, () -> NOW)) {
            ProviderClient.Answer answer = ProviderClient.get(delayed.baseUrl(FakeEndpoint.POLYGON_REST)
                    + "/v2/aggs/ticker/MSFT/range/1/minute/" + FROM + "/" + NOW + "?apiKey=" + KEY);
            assertThat(answer.body()).contains("\"status\":\"DELAYED\"");
            ProviderReply.Data data = (ProviderReply.Data) decode(answer, "MSFT");
            assertThat(data.delayed()).isTrue();
            assertThat(data.events()).hasSize(30);
        }
    }

    static FailureKind kind(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Failure.class);
        return ((ProviderReply.Failure) reply).kind();
    }
}
