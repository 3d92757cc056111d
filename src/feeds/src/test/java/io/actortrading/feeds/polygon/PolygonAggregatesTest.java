package io.actortrading.feeds.polygon;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.rest.CapturedLog;
import io.actortrading.feeds.rest.LoopbackProvider.Answer;
import io.actortrading.feeds.rest.LoopbackProvider.Received;
import io.actortrading.feeds.rest.ProviderRig;
import io.actortrading.market.Bar;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.actortrading.feeds.rest.LoopbackProvider.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class PolygonAggregatesTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final String KEY = "POLY-KEY-51c2e0";
    /** 2026-03-02 09:30 EST, the first minute of the fixtures. */
    private static final long OPEN = 1_772_461_800_000L;
    private static final long MINUTE = 60_000L;

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @Test
    void followsNextUrlOnTheConfiguredHostReAddingTheKeyAndConcatenatesPages() {
        String foreignNext = "https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/minute/" + OPEN + "/" + (OPEN + 3 * MINUTE - 1)
                + "?cursor=UEFHRTI";
        try (ProviderRig rig = rig(request -> request.param("cursor") == null
                ? Answer.json(aggs("AAPL", List.of(OPEN, OPEN + MINUTE), foreignNext))
                : Answer.json(aggs("AAPL", List.of(OPEN + 2 * MINUTE), null)));
             CapturedLog log = new CapturedLog()) {

            ProviderReply reply = ProviderRig.reply(history(rig, OPEN + 10 * MINUTE).minutes("AAPL", OPEN, OPEN + 3 * MINUTE));

            assertThat(starts(reply)).containsExactly(OPEN, OPEN + MINUTE, OPEN + 2 * MINUTE);
            List<Received> requests = rig.server().requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).path()).isEqualTo(requests.get(0).path());
            assertThat(requests.get(1).param("cursor")).isEqualTo("UEFHRTI");
            assertThat(requests).allSatisfy(request -> assertThat(request.param("apiKey")).isEqualTo(KEY));
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(KEY));
        }
    }

    @Test
    void asksForTheWindowWithAnInclusiveEndAndThePolygonTicker() {
        try (ProviderRig rig = rig(request -> Answer.json(fixture("polygon/rest/aggs-minute-crypto.json")))) {
            ProviderRig.reply(history(rig, OPEN + 10 * MINUTE).minutes("BTC-USD", OPEN, OPEN + 5 * MINUTE));

            Received request = rig.server().requests().get(0);
            assertThat(request.path()).isEqualTo("/v2/aggs/ticker/X:BTCUSD/range/1/minute/" + OPEN + "/" + (OPEN + 5 * MINUTE - 1));
            assertThat(request.param("adjusted")).isEqualTo("true");
            assertThat(request.param("sort")).isEqualTo("asc");
            assertThat(request.param("limit")).isEqualTo("50000");
        }
    }

    @Test
    void keepsOnlyCompletedMinutesInsideTheWindow() {
        try (ProviderRig rig = rig(request -> Answer.json(aggs("AAPL", List.of(OPEN, OPEN + MINUTE, OPEN + 2 * MINUTE), null)))) {
            long now = OPEN + 2 * MINUTE + MINUTE / 2;

            ProviderReply reply = ProviderRig.reply(history(rig, now).minutes("AAPL", OPEN + MINUTE, OPEN + 10 * MINUTE));

            assertThat(starts(reply)).containsExactly(OPEN + MINUTE);
        }
    }

    @Test
    void aFailedPageFailsTheWholeAnswer() {
        String next = "https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/minute/1/2?cursor=TkVYVA";
        try (ProviderRig rig = rig(request -> request.param("cursor") == null
                ? Answer.json(aggs("AAPL", List.of(OPEN), next))
                : Answer.of(403, fixture("polygon/rest/error-not-authorized.json")))) {

            ProviderReply reply = ProviderRig.reply(history(rig, OPEN + 10 * MINUTE).minutes("AAPL", OPEN, OPEN + 5 * MINUTE));

            assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class,
                    failure -> assertThat(failure.kind()).isEqualTo(FailureKind.NOT_ENTITLED));
            assertThat(rig.server().requestCount()).isEqualTo(2);
        }
    }

    private static ProviderRig rig(Function<Received, Answer> responder) {
        return ProviderRig.start(KIT.system(), "polygon", KEY, "", responder);
    }

    private static PolygonAggregates history(ProviderRig rig, long now) {
        return new PolygonAggregates(KIT.system(), rig.gate(), SymbolMapping.standard(), () -> now);
    }

    private static List<Long> starts(ProviderReply reply) {
        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        return ((ProviderReply.Data) reply).events().stream().map(event -> ((Bar) event).start()).toList();
    }

    /** An aggregates body in the documented shape, one bar per start. */
    static String aggs(String ticker, List<Long> starts, String nextUrl) {
        String results = starts.stream()
                .map(t -> "{\"c\":241.31,\"h\":241.42,\"l\":241.28,\"n\":774,\"o\":241.37,\"t\":" + t
                        + ",\"v\":95268,\"vw\":241.3699}")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"adjusted\":true," + (nextUrl == null ? "" : "\"next_url\":\"" + nextUrl + "\",")
                + "\"queryCount\":" + starts.size() + ",\"request_id\":\"r\",\"results\":" + results
                + ",\"resultsCount\":" + starts.size() + ",\"status\":\"OK\",\"ticker\":\"" + ticker + "\"}";
    }
}
