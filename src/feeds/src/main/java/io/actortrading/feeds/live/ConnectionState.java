package io.actortrading.feeds.live;

/** Where a source's connection stands, as operators see it in {@code atctl feeds show}. */
public enum ConnectionState {
    /** Configured off, or no symbol uses it. */
    IDLE,
    CONNECTING,
    /** Connected, waiting for the provider to accept the key. */
    AUTHENTICATING,
    /** A WebSocket is authenticated and delivering. */
    STREAMING,
    /** A REST source is polling on schedule. */
    POLLING,
    /** Waiting before the next connection or request after a failure. */
    BACKOFF,
    /** The circuit breaker is open: nothing is sent to the provider until it half-opens. */
    BREAKER_OPEN,
    /**
     * The provider refused the key or the plan: retried only after a long pause, never in a tight
     * loop, because hammering a provider with a bad key gets the key banned.
     */
    FAILED,
    STOPPED;

    /** Whether the source can deliver data now (failover treats every other state as unhealthy). */
    public boolean healthy() {
        return this == STREAMING || this == POLLING;
    }
}
