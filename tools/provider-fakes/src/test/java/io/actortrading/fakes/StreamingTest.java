package io.actortrading.fakes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fakes of one WebSocket endpoint on a market clock that starts ten seconds before a minute ends and
 * runs sixty times as fast as the wall clock; sockets are closed and faults cleared after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StreamingTest {

    static final Instant START = Instant.parse("2026-03-02T15:00:50Z");
    static final double SPEED = 60;
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeTape tape;
    private final FakeEndpoint endpoint;
    private final List<ProviderClient.Socket> sockets = new ArrayList<>();
    ProviderFakes fakes;

    StreamingTest(FakeEndpoint endpoint, FakeTape tape) {
        this.endpoint = endpoint;
        this.tape = tape;
    }

    @BeforeAll
    void startFakes() {
        fakes = ProviderFakes.start(FakeSettings.defaults(), tape, new AcceleratedClock(START, SPEED));
    }

    @AfterAll
    void stopFakes() {
        fakes.close();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(ProviderClient.Socket::close);
        sockets.clear();
        fakes.faults(endpoint).clear();
    }

    FakeFaults faults() {
        return fakes.faults(endpoint);
    }

    /** A socket to the endpoint's base URL followed by {@code path}, closed after the test. */
    ProviderClient.Socket connect(String path) {
        ProviderClient.Socket socket = ProviderClient.connect(fakes.baseUrl(endpoint) + path);
        sockets.add(socket);
        return socket;
    }
}
