package io.actortrading.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static io.actortrading.fakes.StreamingTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFakesTest {

    private static final long NOW = Instant.parse("2026-03-02T15:00:30Z").toEpochMilli();
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final JsonMapper JSON = new JsonMapper();

    private ProviderFakes fakes;

    @BeforeAll
    void start() {
        fakes = ProviderFakes.start(FakeSettings.defaults(), new FakeTape(29, 10), () -> NOW);
    }

    @AfterAll
    void stop() {
        fakes.close();
    }

    @AfterEach
    void clearFaults() {
        for (FakeEndpoint endpoint : FakeEndpoint.values()) {
            fakes.faults(endpoint).clear();
        }
    }

    private String yahoo() {
        return fakes.baseUrl(FakeEndpoint.YAHOO) + "/v8/finance/chart/MSFT?interval=1m&range=1d";
    }

    @Test
    void everyRequestIsCountedPerEndpointAlsoTheRefusedOnes() {
        long yahoo = fakes.requests(FakeEndpoint.YAHOO);
        long polygon = fakes.requests(FakeEndpoint.POLYGON_REST);
        ProviderClient.get(yahoo(), "User-Agent", ProviderClient.BROWSER);
        ProviderClient.get(yahoo());
        fakes.faults(FakeEndpoint.YAHOO).refuseConnections(true);
        assertThat(ProviderClient.get(yahoo(), "User-Agent", ProviderClient.BROWSER).status()).isEqualTo(503);
        ProviderClient.get(fakes.httpBase() + "/_fakes");
        assertThat(fakes.requests(FakeEndpoint.YAHOO)).isEqualTo(yahoo + 3);
        assertThat(fakes.requests(FakeEndpoint.POLYGON_REST)).as("other endpoints and the admin API").isEqualTo(polygon);
    }

    @Test
    void aStalledRequestIsAnsweredOnlyOnceTheStallIsLifted() {
        fakes.faults(FakeEndpoint.YAHOO).stall(true);
        CompletableFuture<HttpResponse<String>> pending = ProviderClient.getAsync(yahoo(), "User-Agent", ProviderClient.BROWSER);
        await().during(QUIET).atMost(WAIT).until(() -> !pending.isDone());
        fakes.faults(FakeEndpoint.YAHOO).stall(false);
        await().atMost(WAIT).until(pending::isDone);
        assertThat(pending.join().statusCode()).isEqualTo(200);
    }

    @Test
    void closingAnswersStalledRequests() {
        ProviderFakes other = ProviderFakes.start(FakeSettings.defaults(), new FakeTape(1, 1), () -> NOW);
        try {
            other.faults(FakeEndpoint.TWELVEDATA_REST).stall(true);
            CompletableFuture<HttpResponse<String>> pending = ProviderClient.getAsync(
                    other.baseUrl(FakeEndpoint.TWELVEDATA_REST) + "/time_series?symbol=AAPL&interval=1min");
            await().atMost(WAIT).until(() -> other.requests(FakeEndpoint.TWELVEDATA_REST) == 1);
            other.close();
            await().atMost(WAIT).until(pending::isDone);
        } finally {
            other.close();
        }
    }

    @Test
    void adminApiSwitchesFaultsAndReportsState() throws Exception {
        ProviderClient.Answer on = ProviderClient.send("POST", fakes.httpBase() + "/_fakes/yahoo/throttle");
        assertThat(on.status()).isEqualTo(200);
        assertThat(fakes.faults(FakeEndpoint.YAHOO).active()).containsExactly(FakeFault.THROTTLE);
        assertThat(ProviderClient.get(yahoo(), "User-Agent", ProviderClient.BROWSER).status()).isEqualTo(429);
        ProviderClient.send("POST", fakes.httpBase() + "/_fakes/polygon-ws/refuse-auth");
        ProviderClient.send("POST", fakes.httpBase() + "/_fakes/polygon-ws/silence");

        JsonNode state = JSON.readTree(ProviderClient.get(fakes.httpBase() + "/_fakes").body());
        assertThat(state.path("marketTime").asText()).isEqualTo("2026-03-02T15:00:30Z");
        assertThat(state.path("endpoints").path("yahoo").path("faults").toString()).isEqualTo("[\"throttle\"]");
        assertThat(state.path("endpoints").path("yahoo").path("requests").asLong()).isEqualTo(fakes.requests(FakeEndpoint.YAHOO));
        assertThat(state.path("endpoints").path("polygon-ws").path("faults").toString()).isEqualTo("[\"refuse-auth\",\"silence\"]");
        assertThat(state.path("endpoints").path("polygon-ws").path("openConnections").asInt()).isZero();
        assertThat(state.path("endpoints").path("twelvedata-ws").path("url").asText()).isEqualTo(fakes.wsBase() + "/twelvedata-ws");

        ProviderClient.send("DELETE", fakes.httpBase() + "/_fakes/polygon-ws/silence");
        assertThat(fakes.faults(FakeEndpoint.POLYGON_WS).active()).containsExactly(FakeFault.REFUSE_AUTH);
        ProviderClient.send("DELETE", fakes.httpBase() + "/_fakes/polygon-ws");
        assertThat(fakes.faults(FakeEndpoint.POLYGON_WS).active()).isEmpty();
        assertThat(ProviderClient.send("POST", fakes.httpBase() + "/_fakes/polygon-ws/drop-connections").status()).isEqualTo(200);

        assertThat(ProviderClient.send("POST", fakes.httpBase() + "/_fakes/nowhere/throttle").status()).isEqualTo(404);
        assertThat(ProviderClient.send("POST", fakes.httpBase() + "/_fakes/yahoo/explode").status()).isEqualTo(404);
        assertThat(ProviderClient.send("POST", fakes.httpBase() + "/_fakes/yahoo/not-entitled").status()).isEqualTo(400);
    }

    @Test
    void unknownPathsAre404AndBaseUrlsPointAtTheEndpoints() {
        assertThat(ProviderClient.get(fakes.httpBase() + "/elsewhere").status()).isEqualTo(404);
        assertThat(fakes.baseUrl(FakeEndpoint.POLYGON_REST)).isEqualTo("http://127.0.0.1:" + fakes.port() + "/polygon");
        assertThat(fakes.baseUrl(FakeEndpoint.POLYGON_WS)).isEqualTo("ws://127.0.0.1:" + fakes.port() + "/polygon-ws");
        assertThat(fakes.settings().toString()).doesNotContain(FakeSettings.DEFAULT_POLYGON_KEY);
    }
}
