package io.actortrading.feeds.rest;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.polygon.PolygonRestCodec;
import io.actortrading.feeds.rest.LoopbackProvider.Answer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.actortrading.feeds.rest.LoopbackProvider.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProviderClientTest {

    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final String KEY = "TEST-KEY-7f3a9c";
    private static final PolygonRestCodec CODEC = new PolygonRestCodec();
    private static final ProviderClient.ResponseDecoder POLYGON =
            (status, body) -> CODEC.decode(status, body, "AAPL", Long.MAX_VALUE);
    private static final Answer BARS = Answer.json(fixture("polygon/rest/aggs-minute-ok.json"));
    private static final Answer RATE_LIMITED = Answer.of(429, fixture("polygon/rest/error-rate-limit.json"));
    private static final Answer SERVER_ERROR = Answer.of(503, "{\"status\":\"ERROR\",\"error\":\"upstream unavailable\"}");

    private final List<LoopbackProvider> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterAll
    static void stopKit() {
        KIT.shutdownTestKit();
    }

    @AfterEach
    void stopServers() {
        release.countDown();
        servers.forEach(LoopbackProvider::close);
    }

    @Test
    void throttledThenOkIsRetriedAndSucceeds() {
        LoopbackProvider server = server(request -> servers.get(0).requestCount() == 1 ? RATE_LIMITED : BARS);
        ProviderClient client = client(server, "");

        ProviderReply reply = call(client, server);

        assertThat(reply).isInstanceOfSatisfying(ProviderReply.Data.class,
                data -> assertThat(data.events()).hasSize(3));
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterIsWaitedForBeforeTheNextAttempt() {
        LoopbackProvider server = server(request -> servers.get(0).requestCount() == 1
                ? RATE_LIMITED.withHeader("Retry-After", "1") : BARS);
        ProviderClient client = client(server, "retry.max = 2s");

        ProviderReply reply = call(client, server);

        assertThat(reply).isInstanceOf(ProviderReply.Data.class);
        List<LoopbackProvider.Received> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterBeyondTheLongestBackoffIsHandedOnInsteadOfWaited() {
        LoopbackProvider server = server(request -> RATE_LIMITED.withHeader("Retry-After", "60"));
        ProviderClient client = client(server, "");

        ProviderReply reply = call(client, server);

        assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(failure.message()).contains("exceeded the maximum requests").contains("retry after 60 s");
        });
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedUpToMaxAttempts() {
        LoopbackProvider server = server(request -> SERVER_ERROR);
        ProviderClient client = client(server, "breaker.max-failures = 10");

        ProviderReply reply = call(client, server);

        assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class,
                failure -> assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT));
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void refusedKeysAndUnknownSymbolsAreNotRetriedAndDoNotOpenTheBreaker() {
        LoopbackProvider server = server(request -> servers.get(0).requestCount() % 2 == 1
                ? Answer.of(401, fixture("polygon/rest/error-unknown-api-key.json"))
                : Answer.of(404, "{\"status\":\"ERROR\",\"error\":\"Unknown ticker\"}"));
        ProviderClient client = client(server, "");

        List<FailureKind> kinds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            kinds.add(((ProviderReply.Failure) call(client, server)).kind());
        }

        assertThat(kinds).containsOnly(FailureKind.UNAUTHORIZED, FailureKind.PERMANENT);
        assertThat(server.requestCount()).isEqualTo(6);
        assertThat(client.gate().breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void breakerOpensAfterMaxFailuresSendsNothingUntilResetAndOneProbeClosesIt() throws Exception {
        LoopbackProvider server = server(request -> SERVER_ERROR);
        ProviderClient client = client(server, "retry.max-attempts = 1");
        List<BreakerState> transitions = new CopyOnWriteArrayList<>();
        client.gate().onBreakerTransition(transitions::add);

        for (int i = 0; i < 3; i++) {
            assertThat(kind(call(client, server))).isEqualTo(FailureKind.TRANSIENT);
        }
        long openedAt = System.nanoTime();
        assertThat(client.gate().breakerState()).isEqualTo(BreakerState.OPEN);
        for (int i = 0; i < 5; i++) {
            assertThat(call(client, server)).isEqualTo(
                    new ProviderReply.Failure(FailureKind.THROTTLED, ProviderClient.BREAKER_OPEN));
        }
        assertThat(server.requestCount()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.gate().breakerState() == BreakerState.HALF_OPEN);
        assertThat(Duration.ofNanos(System.nanoTime() - openedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(server.requestCount()).isEqualTo(3);

        server.respond(request -> {
            awaitRelease();
            return BARS;
        });
        CompletableFuture<ProviderReply> probe = get(client, server);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requestCount() == 4);
        assertThat(call(client, server)).isEqualTo(
                new ProviderReply.Failure(FailureKind.THROTTLED, ProviderClient.BREAKER_OPEN));
        release.countDown();

        assertThat(probe.get(5, TimeUnit.SECONDS)).isInstanceOf(ProviderReply.Data.class);
        assertThat(server.requestCount()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> client.gate().breakerState() == BreakerState.CLOSED);
        assertThat(transitions).containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void anExhaustedBudgetSendsNothing() {
        LoopbackProvider server = server(request -> BARS);
        ProviderClient client = client(server, "rate-limits = [{ limit = 2, per = 1d }]");

        assertThat(call(client, server)).isInstanceOf(ProviderReply.Data.class);
        assertThat(call(client, server)).isInstanceOf(ProviderReply.Data.class);
        ProviderReply third = call(client, server);

        assertThat(third).isEqualTo(new ProviderReply.Failure(FailureKind.THROTTLED, ProviderClient.BUDGET_EXHAUSTED));
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(client.gate().budgetRemaining(System.currentTimeMillis())).isZero();
        assertThat(client.gate().breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aStalledProviderTimesOutAsTransient() {
        LoopbackProvider server = server(request -> {
            awaitRelease();
            return BARS;
        });
        ProviderClient client = client(server, "request-timeout = 300ms\nretry.max-attempts = 1");

        long started = System.nanoTime();
        ProviderReply reply = call(client, server);

        assertThat(reply).isInstanceOfSatisfying(ProviderReply.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
            assertThat(failure.message()).contains("timed out").doesNotContain(KEY);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void answersLargerThanTheLimitAreMalformedWhetherSizedOrChunked() {
        String large = "{\"status\":\"OK\",\"results\":[],\"padding\":\"" + "x".repeat(8_000) + "\"}";
        LoopbackProvider server = server(request -> Answer.json(large));
        LoopbackProvider chunked = server(request -> Answer.json(large).withHeader(LoopbackProvider.CHUNKED, "yes"));
        String overrides = "max-response-size = 4k\nretry.max-attempts = 1";

        List<ProviderReply> replies = List.of(call(client(server, overrides), server),
                call(client(chunked, overrides), chunked));

        assertThat(replies).allSatisfy(reply -> assertThat(reply).isEqualTo(
                new ProviderReply.Failure(FailureKind.MALFORMED, "response larger than 4096 bytes")));
    }

    @Test
    void theConfiguredUserAgentIsSent() {
        LoopbackProvider server = server(request -> BARS);
        String agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
        ProviderClient client = client(server, "user-agent = \"" + agent + "\"");

        call(client, server);

        assertThat(server.requests()).extracting(LoopbackProvider.Received::userAgent).containsExactly(agent);
    }

    @Test
    void theKeyReachesNeitherLogsNorFailureMessages() {
        String echo = "{\"status\":\"ERROR\",\"request_id\":\"r1\",\"error\":\"Unknown API Key " + KEY + "\"}";
        LoopbackProvider refusing = server(request -> Answer.of(401, echo));
        LoopbackProvider failing = server(request -> SERVER_ERROR);
        LoopbackProvider closed = server(request -> BARS);
        String unreachable = closed.baseUrl();
        closed.close();
        List<String> messages = new ArrayList<>();

        try (CapturedLog log = new CapturedLog()) {
            messages.add(message(call(client(refusing, ""), refusing)));
            messages.add(message(call(client(failing, "breaker.max-failures = 10"), failing)));
            ProviderClient nowhere = client(refusing, "retry.max-attempts = 1");
            messages.add(message(nowhere.get(unreachable + "/v2/aggs?apiKey=" + KEY, POLYGON)
                    .toCompletableFuture().join()));

            assertThat(messages).allSatisfy(message -> assertThat(message).isNotBlank().doesNotContain(KEY));
            assertThat(messages.get(0)).contains("Unknown API Key ***");
            assertThat(messages.get(2)).contains("apiKey=***");
            assertThat(log.lines()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).doesNotContain(KEY))
                    .anySatisfy(line -> assertThat(line).contains("apiKey=***"));
        }
    }

    private LoopbackProvider server(Function<LoopbackProvider.Received, Answer> responder) {
        LoopbackProvider server = LoopbackProvider.start(responder);
        servers.add(server);
        return server;
    }

    private static ProviderClient client(LoopbackProvider server, String overrides) {
        ProviderGate gate = ProviderFixtures.gate(KIT.system(),
                ProviderFixtures.settings("polygon", server.baseUrl(), KEY, overrides));
        return new ProviderClient(KIT.system(), gate);
    }

    private static CompletableFuture<ProviderReply> get(ProviderClient client, LoopbackProvider server) {
        String url = server.baseUrl() + "/v2/aggs/ticker/AAPL/range/1/minute/1772461800000/1772461979999?apiKey=" + KEY;
        return client.get(url, POLYGON).toCompletableFuture();
    }

    private static ProviderReply call(ProviderClient client, LoopbackProvider server) {
        return get(client, server).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static FailureKind kind(ProviderReply reply) {
        return ((ProviderReply.Failure) reply).kind();
    }

    private static String message(ProviderReply reply) {
        return ((ProviderReply.Failure) reply).message();
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
