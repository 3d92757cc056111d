package io.actortrading.fakes;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.alphavantage.AlphaVantageCodec;
import io.actortrading.market.Bar;
import io.actortrading.market.Tick;
import io.actortrading.market.symbols.SymbolMapping;
import org.junit.jupiter.api.Test;


import static io.actortrading.fakes.PolygonRestTest.kind;
import static org.assertj.core.api.Assertions.assertThat;

class AlphaVantageTest extends FixedClockTest {

    private static final int FULL = 250;
    private static final String KEY = FakeSettings.DEFAULT_ALPHAVANTAGE_KEY;

    private final AlphaVantageCodec codec = new AlphaVantageCodec(SymbolMapping.standard());

    AlphaVantageTest() {
        super(FakeEndpoint.ALPHAVANTAGE, FakeSettings.defaults().withAlphaVantageFull(FULL), new FakeTape(11, 20));
    }

    private ProviderClient.Answer query(String query) {
        return ProviderClient.get(fakes.baseUrl(FakeEndpoint.ALPHAVANTAGE) + "/query?" + query);
    }

    private ProviderReply intraday(String symbol, String outputSize, String key) {
        ProviderClient.Answer answer = query("function=TIME_SERIES_INTRADAY&symbol=" + symbol
                + "&interval=1min&outputsize=" + outputSize + "&apikey=" + key);
        assertThat(answer.status()).isEqualTo(200);
        return codec.decodeIntraday(answer.status(), answer.body(), NOW);
    }

    @Test
    void compactIntradayIsTheLastHundredCompletedMinutesOfTheTape() {
        ProviderClient.Answer answer = query("function=TIME_SERIES_INTRADAY&symbol=MSFT&interval=1min&apikey=" + KEY);
        assertThat(answer.body()).contains("\"3. Last Refreshed\":\"2026-03-02 09:59:00\"", "\"6. Time Zone\":\"US/Eastern\"",
                "\"5. Output Size\":\"Compact\"");
        assertThat(answer.body().indexOf("2026-03-02 09:59:00\":")).isLessThan(answer.body().indexOf("2026-03-02 09:58:00\":"));
        ProviderReply.Data data = (ProviderReply.Data) codec.decodeIntraday(answer.status(), answer.body(), NOW);
        assertThat(data.events()).hasSize(100);
        long oldest = NOW - 30_000 - 100 * MINUTE;
        for (int i = 0; i < data.events().size(); i++) {
            ProviderClient.assertBarIs((Bar) data.events().get(i), tape.minute("MSFT", oldest + i * MINUTE), false);
        }
    }

    @Test
    void fullIntradayHasTheConfiguredNumberOfMinutesAndClassSharesUseADash() {
        ProviderReply.Data data = (ProviderReply.Data) intraday("BRK-B", "full", KEY);
        assertThat(data.events()).hasSize(FULL);
        Bar newest = (Bar) data.events().get(FULL - 1);
        ProviderClient.assertBarIs(newest, tape.minute("BRK.B", LAST_COMPLETED), false);
    }

    @Test
    void globalQuoteIsTheLastTradeOfTheDay() {
        ProviderClient.Answer answer = query("function=GLOBAL_QUOTE&symbol=MSFT&apikey=" + KEY);
        assertThat(answer.body()).contains("\"07. latest trading day\":\"2026-03-02\"", "\"10. change percent\"");
        ProviderReply.Data data = (ProviderReply.Data) codec.decodeGlobalQuote(answer.status(), answer.body(), NOW);
        assertThat(((Tick) data.events().get(0)).price()).isEqualTo(tape.lastTrade("MSFT", NOW).price());
        ProviderClient.Answer unknown = query("function=GLOBAL_QUOTE&symbol=VOD.L&apikey=" + KEY);
        assertThat(unknown.body()).isEqualTo("{\"Global Quote\":{}}");
        assertThat(kind(codec.decodeGlobalQuote(unknown.status(), unknown.body(), NOW))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aWrongKeyAndBadCallsAreErrorMessagesWithHttp200() {
        assertThat(kind(intraday("MSFT", "compact", "wrong"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(query("function=TIME_SERIES_INTRADAY&symbol=MSFT&interval=1min").body()).contains("\"Error Message\"");
        assertThat(query("function=TIME_SERIES_INTRADAY&symbol=MSFT&interval=5min&apikey=" + KEY).body())
                .contains("Invalid API call");
        assertThat(query("function=NOPE&apikey=" + KEY).body()).contains("This API function (NOPE) does not exist.");
    }

    @Test
    void eachFaultIsAnsweredAsAlphaVantageAnswersIt() {
        FakeFaults faults = faults();
        faults.throttle(true);
        assertThat(kind(intraday("MSFT", "compact", KEY))).isEqualTo(FailureKind.THROTTLED);
        faults.throttle(false).notEntitled(true);
        assertThat(kind(intraday("MSFT", "compact", KEY))).isEqualTo(FailureKind.NOT_ENTITLED);
        faults.notEntitled(false).refuseAuth(true);
        assertThat(kind(intraday("MSFT", "compact", KEY))).isEqualTo(FailureKind.PERMANENT);
        faults.refuseAuth(false).garbage(true);
        assertThat(kind(intraday("MSFT", "compact", KEY))).isEqualTo(FailureKind.MALFORMED);
        faults.garbage(false).serverError(true);
        ProviderClient.Answer failed = query("function=TIME_SERIES_INTRADAY&symbol=MSFT&interval=1min&apikey=" + KEY);
        assertThat(kind(codec.decodeIntraday(failed.status(), failed.body(), NOW))).isEqualTo(FailureKind.TRANSIENT);
    }
}
