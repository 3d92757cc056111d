package io.actortrading.feeds.twelvedata;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.rest.LoopbackProvider.Answer;
import io.actortrading.feeds.rest.LoopbackProvider.Received;
import io.actortrading.feeds.rest.ProviderRig;
import io.actortrading.market.Bar;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static io.actortrading.feeds.rest.LoopbackProvider.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class TwelveDataTimeSeriesTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final String KEY = "TD-KEY-a81f07";
    /** 2023-08-24 11:08 America/New_York, the older minute of {@code time-series-aapl.json}. */
    private static final long OLDER = Instant.parse("2023-08-24T15:08:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @Test
    void code429SentWithHttp200IsThrottledAndRetriedUpToMaxAttempts() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("twelvedata/error-429-out-of-credits.json")))) {

            ProviderReply reply = ProviderRig.reply(history(rig, OLDER + 10 * MINUTE).minutes("AAPL", OLDER, OLDER + 2 * MINUTE));

            assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
                assertThat(failure.message()).contains("run out of API credits");
            });
            assertThat(rig.server().requestCount()).isEqualTo(3);
        }
    }

    @Test
    void datesAreExchangeLocalAndTheOutputCoversTheWindow() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("twelvedata/time-series-aapl.json")))) {
            long from = Instant.parse("2026-03-02T14:31:00Z").toEpochMilli();
            TwelveDataTimeSeries history = history(rig, from + 60 * MINUTE);

            ProviderRig.reply(history.minutes("AAPL", from, from + 5 * MINUTE));
            ProviderRig.reply(history.minutes("EUR/USD", from, from + 5 * MINUTE));

            List<Received> requests = rig.server().requests();
            assertThat(requests.get(0).param("symbol")).isEqualTo("AAPL");
            assertThat(requests.get(0).param("start_date")).isEqualTo("2026-03-02 09:31:00");
            assertThat(requests.get(0).param("end_date")).isEqualTo("2026-03-02 09:36:00");
            assertThat(requests.get(1).param("symbol")).isEqualTo("EUR/USD");
            assertThat(requests.get(1).param("start_date")).isEqualTo("2026-03-02 14:31:00");
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/time_series");
                assertThat(request.param("interval")).isEqualTo("1min");
                assertThat(request.param("outputsize")).isEqualTo("6");
                assertThat(request.param("apikey")).isEqualTo(KEY);
            });
        }
    }

    @Test
    void keepsTheCompletedMinutesOfTheWindow() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("twelvedata/time-series-aapl.json")))) {
            long now = OLDER + MINUTE + MINUTE / 2;

            ProviderReply reply = ProviderRig.reply(history(rig, now).minutes("AAPL", OLDER - 5 * MINUTE, OLDER + 5 * MINUTE));

            assertThat(reply).isInstanceOfSatisfying(ProviderReply.Data.class, data -> assertThat(data.events())
                    .extracting(event -> ((Bar) event).start()).containsExactly(OLDER));
        }
    }

    private static ProviderRig rig(Function<Received, Answer> responder) {
        return ProviderRig.start(KIT.system(), "twelvedata", KEY, "", responder);
    }

    private static TwelveDataTimeSeries history(ProviderRig rig, long now) {
        return new TwelveDataTimeSeries(KIT.system(), rig.gate(), SymbolMapping.standard(), () -> now);
    }
}
