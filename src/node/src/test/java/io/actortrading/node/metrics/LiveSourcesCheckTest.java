package io.actortrading.node.metrics;

import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The live-sources readiness check on the router's last report, given here by a stub. */
class LiveSourcesCheckTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(20);
    private static final long NOW = TimeUnit.HOURS.toNanos(1);

    @Test
    void passesWithoutLiveProviders() throws Exception {
        assertThat(check(List.of(), NOW).get().toCompletableFuture().get()).isTrue();
    }

    @Test
    void passesWhileEverySourceStreamsPollsOrIsIdle() throws Exception {
        List<SourceStatus> sources = List.of(
                source("polygon-stocks", ConnectionState.STREAMING, BreakerState.CLOSED),
                source("yahoo", ConnectionState.POLLING, BreakerState.HALF_OPEN),
                source("twelvedata", ConnectionState.IDLE, BreakerState.CLOSED));

        assertThat(check(sources, NOW).get().toCompletableFuture().get()).isTrue();
    }

    @Test
    void failsNamingEverySourceWhoseBreakerIsOpenOrThatIsDisconnected() {
        List<SourceStatus> sources = List.of(
                source("polygon-stocks", ConnectionState.BREAKER_OPEN, BreakerState.OPEN),
                source("yahoo", ConnectionState.POLLING, BreakerState.CLOSED),
                source("twelvedata", ConnectionState.BACKOFF, BreakerState.CLOSED));

        assertThat(reason(check(sources, NOW).get())).isEqualTo("live-sources: "
                + "polygon-stocks is BREAKER_OPEN with its breaker OPEN (last error: HTTP 503 from the provider); "
                + "twelvedata is BACKOFF with its breaker CLOSED (last error: HTTP 503 from the provider)");
    }

    @Test
    void failsBeforeTheRouterHasReported() {
        LiveSourcesCheck check = new LiveSourcesCheck(Optional::empty, MAX_AGE, () -> NOW);

        assertThat(reason(check.get())).isEqualTo("live-sources: no status from the feed router yet");
    }

    @Test
    void failsWhenTheRoutersLastReportIsTooOld() {
        LiveSourcesCheck check = check(List.of(), NOW - MAX_AGE.toNanos() - TimeUnit.SECONDS.toNanos(5));

        assertThat(reason(check.get())).isEqualTo("live-sources: the feed router has not reported its sources for 25 s");
    }

    private static LiveSourcesCheck check(List<SourceStatus> sources, long receivedAtNanos) {
        return new LiveSourcesCheck(() -> Optional.of(new NodeMetrics.LiveStatus(sources, receivedAtNanos)), MAX_AGE,
                () -> NOW);
    }

    private static SourceStatus source(String connection, ConnectionState state, BreakerState breaker) {
        return new SourceStatus(connection.split("-")[0], connection, state, breaker, 0, 0.0, 0L, Map.of(), -1,
                List.of("NVDA"), 0, state.healthy() ? "" : "HTTP 503 from the provider");
    }

    private static String reason(CompletionStage<Boolean> result) {
        Throwable thrown = catchThrowable(() -> result.toCompletableFuture().get());
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NotReady.class);
        return thrown.getCause().getMessage();
    }
}
