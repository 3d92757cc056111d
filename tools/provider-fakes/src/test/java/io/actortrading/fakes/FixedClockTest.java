package io.actortrading.fakes;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;

/**
 * Fakes of one REST endpoint whose market clock stands still half a minute into 15:00 UTC (10:00 in
 * New York), so every answer is known in advance; faults are cleared after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FixedClockTest {

    static final long MINUTE = FakeTape.MINUTE_MILLIS;
    static final long NOW = Instant.parse("2026-03-02T15:00:30Z").toEpochMilli();
    /** The start of the last completed minute at {@link #NOW}. */
    static final long LAST_COMPLETED = NOW - 30_000 - MINUTE;

    final FakeTape tape;
    private final FakeEndpoint endpoint;
    private final FakeSettings settings;
    ProviderFakes fakes;

    FixedClockTest(FakeEndpoint endpoint, FakeSettings settings, FakeTape tape) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.tape = tape;
    }

    @BeforeAll
    void startFakes() {
        fakes = ProviderFakes.start(settings, tape, () -> NOW);
    }

    @AfterAll
    void stopFakes() {
        fakes.close();
    }

    @AfterEach
    void clearFaults() {
        fakes.faults(endpoint).clear();
    }

    FakeFaults faults() {
        return fakes.faults(endpoint);
    }
}
