package io.actortrading.feeds.live;

/** The kinds of error a streaming feed counts; their names are the keys of {@link SourceStatus#errors()}. */
public enum StreamError {
    /** The connection closed or failed, or the upgrade was refused, without the provider saying why. */
    DISCONNECTED,
    /** The provider refused the key or the plan, or no key is configured. */
    AUTH_FAILED,
    /** The provider announced an authentication timeout and closes the connection. */
    AUTH_TIMEOUT,
    /** The provider closed the connection on purpose (another client took it over). */
    FORCE_DISCONNECT,
    /** Too many connections for the key. */
    MAX_CONNECTIONS,
    /** No frame for the idle timeout, or no authentication within the breaker's call timeout. */
    TIMEOUT,
    /** A frame, or an element of one, that is not what the provider documents. */
    MALFORMED_FRAME,
    /** The provider says the client reads too slowly and may drop it. */
    SLOW_CONSUMER,
    /** An error message of the provider that leaves the connection open. */
    PROVIDER_ERROR,
    /** Symbols the provider refused to subscribe (one count per symbol). */
    SUBSCRIBE_FAILED,
    /** An outgoing frame that did not fit the connection's send buffer. */
    SEND_DROPPED
}
