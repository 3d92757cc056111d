package io.actortrading.fakes;

import io.actortrading.market.Tick;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.actortrading.fakes.PolygonStreamTest.authenticate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The faults as they show on Polygon's WebSocket, the way a feed client meets them. */
class StreamFaultsTest extends StreamingTest {

    /** Long enough for several emit intervals and market seconds to pass. */
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final String KEY = FakeSettings.DEFAULT_POLYGON_KEY;

    StreamFaultsTest() {
        super(FakeEndpoint.POLYGON_WS, new FakeTape(23, 60));
    }

    private String stocks() {
        return fakes.baseUrl(FakeEndpoint.POLYGON_WS) + "/stocks";
    }

    private ProviderClient.Socket subscribed() {
        ProviderClient.Socket socket = connect("/stocks");
        authenticate(socket, KEY);
        socket.send("{\"action\":\"subscribe\",\"params\":\"T.MSFT\"}");
        await().atMost(WAIT).until(() -> !PolygonStreamTest.Decoded.of(socket.frames).of(Tick.class).isEmpty());
        return socket;
    }

    @Test
    void silenceStopsDataButStatusRepliesGoOn() {
        ProviderClient.Socket socket = subscribed();
        faults().silence(true);
        int silencedAt = socket.frames.size() + 1;
        await().during(QUIET).atMost(WAIT).until(() -> socket.frames.size() <= silencedAt);
        socket.send("{\"action\":\"subscribe\",\"params\":\"T.AAPL\"}");
        await().atMost(WAIT).until(() -> socket.frames.get(socket.frames.size() - 1).contains("subscribed to: T.AAPL"));
        faults().silence(false);
        int resumedAt = socket.frames.size();
        await().atMost(WAIT).until(() -> !PolygonStreamTest.Decoded.of(socket.frames.subList(resumedAt, socket.frames.size()))
                .of(Tick.class).isEmpty());
    }

    @Test
    void garbageFramesAreMalformedForTheCodec() {
        ProviderClient.Socket socket = subscribed();
        faults().garbage(true);
        int spoiledFrom = socket.frames.size() + 1;
        await().atMost(WAIT).until(() -> socket.frames.size() >= spoiledFrom + 3);
        PolygonStreamTest.Decoded decoded = PolygonStreamTest.Decoded.of(socket.frames.subList(spoiledFrom, socket.frames.size()));
        assertThat(decoded.malformed).isPositive();
        assertThat(decoded.events.size()).isLessThan(socket.frames.size() - spoiledFrom);
    }

    @Test
    void dropConnectionsClosesOpenSocketsAndNewOnesAreAccepted() {
        ProviderClient.Socket socket = subscribed();
        assertThat(fakes.openConnections(FakeEndpoint.POLYGON_WS)).isEqualTo(1);
        faults().dropConnections();
        await().atMost(WAIT).until(socket::isClosed);
        await().atMost(WAIT).until(() -> fakes.openConnections(FakeEndpoint.POLYGON_WS) == 0);
        subscribed();
        assertThat(fakes.openConnections(FakeEndpoint.POLYGON_WS)).isEqualTo(1);
    }

    @Test
    void refusedAndFailingUpgradesAreCountedAndAnsweredWithHttpErrors() {
        long before = fakes.requests(FakeEndpoint.POLYGON_WS);
        faults().refuseConnections(true);
        assertThat(ProviderClient.refusedUpgrade(stocks())).isEqualTo(503);
        faults().refuseConnections(false).serverError(true);
        assertThat(ProviderClient.refusedUpgrade(stocks())).isEqualTo(500);
        assertThat(fakes.requests(FakeEndpoint.POLYGON_WS)).isEqualTo(before + 2);
        assertThat(fakes.openConnections(FakeEndpoint.POLYGON_WS)).isZero();
    }

    @Test
    void aStalledSocketStaysOpenAndSendsNothing() {
        faults().stall(true);
        ProviderClient.Socket socket = connect("/stocks");
        socket.send("{\"action\":\"auth\",\"params\":\"" + KEY + "\"}");
        await().during(QUIET).atMost(WAIT).until(() -> socket.frames.isEmpty() && !socket.isClosed());
        assertThat(fakes.openConnections(FakeEndpoint.POLYGON_WS)).isEqualTo(1);
        faults().stall(false);
        socket.send("{\"action\":\"auth\",\"params\":\"" + KEY + "\"}");
        await().atMost(WAIT).until(() -> socket.frames.contains(
                "[{\"ev\":\"status\",\"status\":\"auth_success\",\"message\":\"authenticated\"}]"));
    }

    @Test
    void throttleRefuseAuthAndNotEntitledEndTheSessionAtAuth() {
        faults().throttle(true);
        assertThat(authFails()).contains("max_connections");
        faults().throttle(false).refuseAuth(true);
        assertThat(authFails()).contains("auth_failed");
        faults().refuseAuth(false).notEntitled(true);
        assertThat(authFails()).contains("auth_failed", "plan");
    }

    private String authFails() {
        ProviderClient.Socket socket = connect("/stocks");
        authenticate(socket, KEY);
        await().atMost(WAIT).until(socket::isClosed);
        return socket.frames.get(1);
    }
}
