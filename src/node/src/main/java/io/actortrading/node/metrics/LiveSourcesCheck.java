package io.actortrading.node.metrics;

import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceStatus;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Readiness: every enabled live connection can deliver. A connection fails the check while its
 * breaker is open or while it is not connected (backing off, refused, stopped, or still connecting);
 * one that no symbol uses ({@code IDLE}) passes. With no live providers the check passes.
 *
 * <p>It reads the status {@link MetricsPoller} last received from the router, so a readiness probe
 * never asks an actor; a status older than {@code actortrading.health.live-status-max-age} fails the
 * check, because then the router itself is not answering.
 */
public final class LiveSourcesCheck implements Supplier<CompletionStage<Boolean>> {

    static final String NAME = "live-sources";

    private final Supplier<Optional<NodeMetrics.LiveStatus>> status;
    private final Duration maxAge;
    private final LongSupplier nanoTime;

    public LiveSourcesCheck(ActorSystem system) {
        this(NodeMetrics.get(Adapter.toTyped(system))::liveStatus,
                system.settings().config().getDuration("actortrading.health.live-status-max-age"), System::nanoTime);
    }

    LiveSourcesCheck(Supplier<Optional<NodeMetrics.LiveStatus>> status, Duration maxAge, LongSupplier nanoTime) {
        this.status = status;
        this.maxAge = maxAge;
        this.nanoTime = nanoTime;
    }

    @Override
    public CompletionStage<Boolean> get() {
        Optional<NodeMetrics.LiveStatus> last = status.get();
        if (last.isEmpty()) {
            return notReady("no status from the feed router yet");
        }
        Duration age = Duration.ofNanos(nanoTime.getAsLong() - last.get().receivedAtNanos());
        if (age.compareTo(maxAge) > 0) {
            return notReady("the feed router has not reported its sources for " + age.toSeconds() + " s");
        }
        List<SourceStatus> failing = last.get().sources().stream().filter(source -> !deliverable(source)).toList();
        if (failing.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        return notReady(failing.stream().map(LiveSourcesCheck::describe).collect(Collectors.joining("; ")));
    }

    private static boolean deliverable(SourceStatus source) {
        return source.breaker() != BreakerState.OPEN
                && (source.state().healthy() || source.state() == ConnectionState.IDLE);
    }

    private static String describe(SourceStatus source) {
        return source.connection() + " is " + source.state() + " with its breaker " + source.breaker()
                + (source.lastError().isEmpty() ? "" : " (last error: " + source.lastError() + ")");
    }

    private static CompletionStage<Boolean> notReady(String reason) {
        return CompletableFuture.failedFuture(new NotReady(NAME, reason));
    }
}
