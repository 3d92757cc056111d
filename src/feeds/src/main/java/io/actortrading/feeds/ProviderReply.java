package io.actortrading.feeds;

import io.actortrading.market.MarketEvent;

import java.util.List;

/**
 * What one response of a provider's REST API decodes to: market data, or a failure classified so
 * the client knows whether to retry, back off, or give up. Providers often send errors with HTTP
 * 200, so the classification comes from the body as much as from the status.
 */
public sealed interface ProviderReply {

    /**
     * @param events   decoded events in time order (oldest first), never a still-forming bar
     * @param nextPage the provider's next page to fetch (Polygon {@code next_url}), or null
     * @param delayed  the provider marked the data as delayed (Polygon {@code DELAYED})
     * @param skipped  elements left out because they were incomplete (nulls) or malformed
     */
    record Data(List<MarketEvent> events, String nextPage, boolean delayed, int skipped) implements ProviderReply {
        public Data {
            events = List.copyOf(events);
        }
    }

    /** @param message the provider's own words, never containing the API key */
    record Failure(FailureKind kind, String message) implements ProviderReply {
    }

    /** How a client should react to a failure. */
    enum FailureKind {
        /** Unknown symbol, invalid call: retrying the same request will not help. */
        PERMANENT,
        /** Rate limit hit: retry after a backoff, and spend less of the budget. */
        THROTTLED,
        /** The plan does not include this data: do not retry, use another source. */
        NOT_ENTITLED,
        /** The key was refused: fatal for this source until configuration changes. */
        UNAUTHORIZED,
        /** The provider failed (5xx): retry with backoff. */
        TRANSIENT,
        /** The body is not what the provider documents. */
        MALFORMED
    }
}
