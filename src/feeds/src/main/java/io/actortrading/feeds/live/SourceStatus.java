package io.actortrading.feeds.live;

import java.util.List;
import java.util.Map;

/**
 * One feed connection as {@code atctl feeds show} lists it.
 *
 * @param provider            the source name its events carry ({@code polygon})
 * @param connection          the feed's own name ({@code polygon-stocks})
 * @param lastMessageAtMillis wall time of the last data message, 0 if none yet
 * @param errors              error counts by kind ({@code ProviderReply.FailureKind} names, plus
 *                            {@code DISCONNECTED}, {@code TIMEOUT}, {@code MALFORMED_FRAME} ...)
 * @param budgetRemaining     requests left in the tightest rate-limit window, -1 when unlimited
 * @param lastError           the last failure, redacted of keys; empty if none
 */
public record SourceStatus(String provider, String connection, ConnectionState state, BreakerState breaker, long messages,
                           double messagesPerSecond, long lastMessageAtMillis, Map<String, Long> errors,
                           long budgetRemaining, List<String> subscribed, long reconnects, String lastError) {

    public SourceStatus {
        errors = Map.copyOf(errors);
        subscribed = List.copyOf(subscribed);
    }
}
