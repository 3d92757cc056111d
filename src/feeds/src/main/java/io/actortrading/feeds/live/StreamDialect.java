package io.actortrading.feeds.live;

import io.actortrading.market.MarketEvent;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one provider's WebSocket says and expects, for a {@link StreamFeed} that does the rest
 * (connecting, reconnecting, the breaker, subscriptions, health and status) the same way for every
 * provider.
 */
public interface StreamDialect {

    /** The source name the events carry ({@code polygon}). */
    String provider();

    /** The connection's name, unique on the node ({@code polygon-stocks}). */
    String connection();

    /** Whether this connection carries the canonical symbol (a stocks cluster serves no crypto pair). */
    boolean serves(String canonicalSymbol);

    /** The URL to connect to, with the key if the provider takes it there: never log it, log {@link #redact}. */
    String url();

    /** The environment variable that sets the key, named when the key is missing or refused. */
    String keyVariable();

    /** {@code text} without the API key, for logs, errors and status. */
    String redact(String text);

    /** A decoder for one connection: market events go to {@code events}, everything else to {@code signals}. */
    FrameDecoder decoder(Consumer<MarketEvent> events, Consumer<Signal> signals);

    /**
     * True when subscriptions may be sent as soon as the socket is open (the key went in the URL);
     * false (the default) when they wait for {@link Signal.Authenticated}.
     */
    default boolean subscribesOnOpen() {
        return false;
    }

    /** The frame that answers the server's greeting ({@link Signal.Greeted}), e.g. the auth frame; none by default. */
    default Optional<String> greetingReply() {
        return Optional.empty();
    }

    /** One frame subscribing the canonical symbols (never empty). */
    String subscribe(List<String> canonicalSymbols);

    /** One frame ending the subscription of the canonical symbols (never empty). */
    String unsubscribe(List<String> canonicalSymbols);

    /** The application heartbeat to send every {@link ProviderSettings#heartbeat()}, if the provider wants one. */
    default Optional<String> heartbeat() {
        return Optional.empty();
    }

    /** Decodes the text frames of one connection, in order, on the connection's stream. Not thread-safe. */
    interface FrameDecoder {
        void decode(String frame);
    }

    /** What a frame tells the feed, besides market events. */
    sealed interface Signal {

        /** The server greeted the client: time to send {@link #greetingReply()}. */
        record Greeted() implements Signal {
        }

        /** The provider accepted the key: the connection is live. */
        record Authenticated() implements Signal {
        }

        /** The provider refused the key or the plan: fatal, not retried before {@code fatal-retry}. */
        record Refused(String detail) implements Signal {
        }

        /** Too many connections for the key: retried only after a long pause. */
        record Overloaded(String detail) implements Signal {
        }

        /** The server ends the session (forced disconnect, authentication timeout): reconnect. */
        record Disconnect(StreamError kind, String detail) implements Signal {
        }

        /** A problem the provider reported that leaves the connection open; counted by kind and logged. */
        record Problem(StreamError kind, String detail) implements Signal {
        }

        /** The provider refused to subscribe these canonical symbols: counted, shown, not retried. */
        record SubscriptionRefused(List<String> symbols, String detail) implements Signal {
        }

        /** A frame or an element of one that is not what the provider documents: counted, the stream goes on. */
        record Malformed(String reason) implements Signal {
        }
    }
}
