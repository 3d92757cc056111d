package io.actortrading.feeds.alphavantage;

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

class AlphaVantageIntradayTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final String KEY = "AV-KEY-0d9e44";
    /** 2017-12-18 14:54 US/Eastern, the oldest minute of {@code intraday-msft.json}. */
    private static final long OLDEST = Instant.parse("2017-12-18T19:54:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @Test
    void aNoteSentWithHttp200IsThrottledAndRetriedUpToMaxAttempts() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("alphavantage/note-call-frequency.json")))) {

            ProviderReply reply = ProviderRig.reply(history(rig, OLDEST + 10 * MINUTE).minutes("MSFT", OLDEST, OLDEST + 3 * MINUTE));

            assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
                assertThat(failure.message()).contains("call frequency");
            });
            assertThat(rig.server().requestCount()).isEqualTo(3);
        }
    }

    @Test
    void convertsEasternTimesAndKeepsTheWindow() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("alphavantage/intraday-msft.json")))) {

            ProviderReply reply = ProviderRig.reply(history(rig, OLDEST + 10 * MINUTE).minutes("MSFT", OLDEST + MINUTE, OLDEST + 10 * MINUTE));

            assertThat(reply).isInstanceOfSatisfying(ProviderReply.Data.class, data -> assertThat(data.events())
                    .extracting(event -> ((Bar) event).start()).containsExactly(OLDEST + MINUTE, OLDEST + 2 * MINUTE));
        }
    }

    @Test
    void compactForAWindowInTheLast100MinutesFullForAnOlderOne() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("alphavantage/intraday-msft.json")))) {
            long now = OLDEST + 200 * MINUTE;
            AlphaVantageIntraday history = history(rig, now);

            ProviderRig.reply(history.minutes("BRK.B", now - 100 * MINUTE, now));
            ProviderRig.reply(history.minutes("BRK.B", now - 101 * MINUTE, now));

            List<Received> requests = rig.server().requests();
            assertThat(requests).extracting(request -> request.param("outputsize")).containsExactly("compact", "full");
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/query");
                assertThat(request.param("function")).isEqualTo("TIME_SERIES_INTRADAY");
                assertThat(request.param("symbol")).isEqualTo("BRK-B");
                assertThat(request.param("interval")).isEqualTo("1min");
                assertThat(request.param("apikey")).isEqualTo(KEY);
            });
        }
    }

    @Test
    void cryptoAndForexFailAloneWithoutARequest() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("alphavantage/intraday-msft.json")))) {
            AlphaVantageIntraday history = history(rig, OLDEST);

            List<ProviderReply> replies = List.of(ProviderRig.reply(history.minutes("BTC-USD", OLDEST - 5 * MINUTE, OLDEST)),
                    ProviderRig.reply(history.minutes("EUR/USD", OLDEST - 5 * MINUTE, OLDEST)));

            assertThat(replies).allSatisfy(reply -> assertThat(((ProviderReply.Failure) reply).kind())
                    .isEqualTo(FailureKind.PERMANENT));
            assertThat(rig.server().requestCount()).isZero();
        }
    }

    private static ProviderRig rig(Function<Received, Answer> responder) {
        return ProviderRig.start(KIT.system(), "alphavantage", KEY, "", responder);
    }

    private static AlphaVantageIntraday history(ProviderRig rig, long now) {
        return new AlphaVantageIntraday(KIT.system(), rig.gate(), SymbolMapping.standard(), () -> now);
    }
}
