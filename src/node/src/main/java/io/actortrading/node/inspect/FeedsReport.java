package io.actortrading.node.inspect;

import io.actortrading.feeds.live.SourceStatus;
import io.actortrading.node.feed.FeedRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code GET /api/feeds}: the router's buffer and each source's health. */
public record FeedsReport(Router router, List<Feed> feeds) {

    /** @param failovers how often a symbol's active live source changed since the node started */
    public record Router(int bufferCapacity, long inFlight, double fill, long routed, long unknownSymbol, long batches,
                         long failovers) {
    }

    /**
     * One feed: a live provider connection ({@code polygon-stocks}, {@code yahoo}) or an offline feed
     * (replay, synthetic).
     *
     * @param provider         the provider of a live connection; null for offline feeds
     * @param breaker          the live provider's circuit breaker state; null for offline feeds
     * @param restarts         WebSocket reconnects of a live connection; null for offline feeds
     * @param lastMessageAgeMs null when the source has not delivered anything yet
     * @param rateBudget       requests left in the provider's tightest window; null when unlimited
     * @param lastError        the last failure in the provider's words (never with a key); null if none
     */
    public record Feed(String source, String provider, String state, String breaker, Long restarts,
                       Double messagesPerSecond, Long lastMessageAgeMs, Map<String, Long> errors, Long rateBudget,
                       List<String> symbols, String lastError) {
    }

    static FeedsReport of(FeedRouter.RouterStats stats, List<SourceStatus> live, long nowMillis) {
        Router router = new Router(stats.bufferCapacity(), stats.inFlight(), stats.fill(), stats.routed(),
                stats.unknownSymbol(), stats.batches(), stats.failovers());
        Set<String> connections = live.stream().map(SourceStatus::connection).collect(Collectors.toSet());
        List<Feed> feeds = new ArrayList<>();
        for (SourceStatus status : live) {
            feeds.add(new Feed(status.connection(), status.provider(), status.state().name(), status.breaker().name(),
                    status.reconnects(), ReportedBar.finite(status.messagesPerSecond()),
                    status.lastMessageAtMillis() <= 0 ? null : Math.max(0L, nowMillis - status.lastMessageAtMillis()),
                    new TreeMap<>(status.errors()), status.budgetRemaining() < 0 ? null : status.budgetRemaining(),
                    status.subscribed(), status.lastError().isEmpty() ? null : status.lastError()));
        }
        stats.sources().stream()
                .filter(source -> !connections.contains(source.source()))
                .map(source -> new Feed(source.source(), null, source.state(), null, null,
                        ReportedBar.finite(source.messagesPerSecond()),
                        source.lastMessageAt() <= 0 ? null : Math.max(0L, nowMillis - source.lastMessageAt()),
                        Map.of("malformed", source.malformed()), null, source.symbols(), null))
                .forEach(feeds::add);
        return new FeedsReport(router, feeds);
    }
}
