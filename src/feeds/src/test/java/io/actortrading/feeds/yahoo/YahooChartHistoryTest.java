package io.actortrading.feeds.yahoo;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.rest.LoopbackProvider.Answer;
import io.actortrading.feeds.rest.LoopbackProvider.Received;
import io.actortrading.feeds.rest.ProviderRig;
import io.actortrading.market.Bar;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.actortrading.feeds.rest.LoopbackProvider.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class YahooChartHistoryTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    /** The first minute of {@code chart-1m.json}. */
    private static final long FIRST = 1_788_528_600_000L;
    private static final long MINUTE = 60_000L;

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @Test
    void asksForThePeriodInEpochSecondsRegularSessionOnlyWithTheYahooSpelling() {
        try (ProviderRig rig = rig(request -> Answer.json(YahooCharts.chart("BRK-B", List.of(FIRST))))) {
            ProviderRig.reply(history(rig, FIRST + 10 * MINUTE).minutes("BRK.B", FIRST, FIRST + 3 * MINUTE));

            Received request = rig.server().requests().get(0);
            assertThat(request.path()).isEqualTo("/v8/finance/chart/BRK-B");
            assertThat(request.param("interval")).isEqualTo("1m");
            assertThat(request.param("period1")).isEqualTo(Long.toString(FIRST / 1000));
            assertThat(request.param("period2")).isEqualTo(Long.toString((FIRST + 3 * MINUTE) / 1000));
            assertThat(request.param("includePrePost")).isEqualTo("false");
        }
    }

    @Test
    void leavesOutTheFormingMinuteAndMinutesOutsideTheWindow() {
        try (ProviderRig rig = rig(request -> Answer.json(YahooCharts.chart("AAPL",
                List.of(FIRST, FIRST + MINUTE, FIRST + 2 * MINUTE, FIRST + 3 * MINUTE))))) {
            long now = FIRST + 3 * MINUTE + MINUTE / 2;

            ProviderReply reply = ProviderRig.reply(history(rig, now).minutes("AAPL", FIRST + MINUTE, FIRST + 10 * MINUTE));

            assertThat(starts(reply)).containsExactly(FIRST + MINUTE, FIRST + 2 * MINUTE);
        }
    }

    @Test
    void plainTextTooManyRequestsIsRetriedAndTheBrowserAgentSent() {
        AtomicInteger requests = new AtomicInteger();
        try (ProviderRig rig = rig(request -> requests.incrementAndGet() == 1
                ? new Answer(429, fixture("yahoo/too-many-requests.txt"), Map.of("Content-Type", "text/plain"))
                : Answer.json(fixture("yahoo/chart-1m.json")))) {

            ProviderReply reply = ProviderRig.reply(history(rig, FIRST + 10 * MINUTE).minutes("AAPL", FIRST, FIRST + 5 * MINUTE));

            assertThat(starts(reply)).containsExactly(FIRST, FIRST + MINUTE);
            assertThat(rig.server().requests()).hasSize(2)
                    .allSatisfy(request -> assertThat(request.userAgent()).startsWith("Mozilla/5.0"));
        }
    }

    private static ProviderRig rig(Function<Received, Answer> responder) {
        return ProviderRig.start(KIT.system(), "yahoo", "", "", responder);
    }

    private static YahooChartHistory history(ProviderRig rig, long now) {
        return new YahooChartHistory(KIT.system(), rig.gate(), SymbolMapping.standard(), () -> now);
    }

    private static List<Long> starts(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        return ((ProviderReply.Data) reply).events().stream().map(event -> ((Bar) event).start()).toList();
    }
}
