package io.actortrading.fakes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** One provider interface the fakes stand in for; each has its own faults and counters. */
public enum FakeEndpoint {
    POLYGON_WS("/polygon-ws"),
    POLYGON_REST("/polygon"),
    YAHOO("/yahoo"),
    ALPHAVANTAGE("/alphavantage"),
    TWELVEDATA_REST("/twelvedata"),
    TWELVEDATA_WS("/twelvedata-ws");

    private final String pathPrefix;

    FakeEndpoint(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    /**
     * Where the endpoint's paths start on the fakes' port: the provider's own paths follow it, so the
     * prefix belongs to the base URL a client is configured with ({@code /polygon/v2/aggs/...}).
     */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** Whether a request path belongs to this endpoint. */
    boolean serves(String path) {
        return path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }

    /** The name in the admin API and its JSON: lower case with dashes ({@code polygon-ws}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FakeEndpoint> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName().equals(name)).findFirst();
    }

    /** Whether the endpoint is a WebSocket, where faults act on connections rather than requests. */
    public boolean streaming() {
        return this == POLYGON_WS || this == TWELVEDATA_WS;
    }

    /** Whether the provider has plans to be refused by; Yahoo has none. */
    public boolean hasEntitlements() {
        return this != YAHOO;
    }
}
