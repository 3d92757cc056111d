package io.actortrading.node.inspect;

import io.actortrading.node.feed.FeedRouter;

import java.util.List;
import java.util.Map;

/** {@code GET /api/feeds}: the router's buffer and each source's health. */
public record FeedsReport(Router router, List<Feed> feeds) {

    public record Router(int bufferCapacity, long inFlight, double fill, long routed, long unknownSymbol, long batches) {
    }

    /**
     * @param restarts         null while the router's statistics do not carry feed restarts
     * @param lastMessageAgeMs null when the source has not delivered anything yet
     * @param rateBudget       null while no source reports a rate budget
     */
    public record Feed(String source, String state, Integer restarts, Double messagesPerSecond, Long lastMessageAgeMs,
                       Map<String, Long> errors, String rateBudget, List<String> symbols) {
    }

    static FeedsReport of(FeedRouter.RouterStats stats, long nowMillis) {
        Router router = new Router(stats.bufferCapacity(), stats.inFlight(), stats.fill(), stats.routed(),
                stats.unknownSymbol(), stats.batches());
        List<Feed> feeds = stats.sources().stream()
                .map(source -> new Feed(source.source(), source.state(), null,
                        ReportedBar.finite(source.messagesPerSecond()),
                        source.lastMessageAt() <= 0 ? null : Math.max(0L, nowMillis - source.lastMessageAt()),
                        Map.of("malformed", source.malformed()), null, source.symbols()))
                .toList();
        return new FeedsReport(router, feeds);
    }
}
