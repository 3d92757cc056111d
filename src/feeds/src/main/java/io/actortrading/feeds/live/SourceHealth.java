package io.actortrading.feeds.live;

/**
 * A connection's health changed. Sent by a feed to its health listener (the node's router) on every
 * change of connection or breaker state, so failover reacts without polling the feeds.
 *
 * @param provider   the provider ({@code polygon}, {@code yahoo}, ...), the source name events carry
 * @param connection the feed's own name ({@code polygon-stocks}, {@code polygon-crypto}, {@code yahoo})
 * @param detail     why, in the provider's words where there are any; never contains an API key
 */
public record SourceHealth(String provider, String connection, ConnectionState state, BreakerState breaker,
                           String detail) {

    public boolean healthy() {
        return state.healthy() && breaker != BreakerState.OPEN;
    }
}
