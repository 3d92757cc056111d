package io.actortrading.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a node's inspection endpoint listens. Users type {@code HOST:PORT}; a leading {@code http://}
 * or {@code https://} is accepted too because that is what they copy from a browser or a config file.
 */
public record NodeAddress(String scheme, String host, int port) {

    public static final int DEFAULT_PORT = 9110;

    public NodeAddress {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** Parses {@code HOST[:PORT]}, {@code [IPv6][:PORT]} or a base URL; the port defaults to 9110. */
    public static NodeAddress parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty node address, expected HOST:PORT");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String withScheme = lower.startsWith("http://") || lower.startsWith("https://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not HOST:PORT");
        }
        boolean onlyAuthority = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !onlyAuthority
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + trimmed + "' is not HOST:PORT");
        }
        return new NodeAddress(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(),
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /** The URI of a route on this node; {@code pathAndQuery} starts with a slash and is already encoded. */
    public URI resolve(String pathAndQuery) {
        return URI.create(scheme + "://" + this + pathAndQuery);
    }

    /** {@code HOST:PORT}, the way users typed it (IPv6 hosts keep their brackets). */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
