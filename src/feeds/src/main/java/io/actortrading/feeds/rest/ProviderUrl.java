package io.actortrading.feeds.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds a provider request URL from its configured base: path segments and query values are
 * percent-encoded, so a symbol never changes the shape of the request. Provider spellings keep the
 * characters a path segment allows as they are ({@code X:BTCUSD}, {@code EURUSD=X}).
 */
public final class ProviderUrl {

    private static final String SEGMENT_SAFE = "-._~:@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder url;
    private boolean hasQuery;

    private ProviderUrl(String base) {
        this.url = new StringBuilder(base);
        this.hasQuery = base.indexOf('?') >= 0;
    }

    /** @param base the configured base URL, without a trailing slash */
    public static ProviderUrl of(String base, String... pathSegments) {
        ProviderUrl built = new ProviderUrl(base);
        for (String segment : pathSegments) {
            built.url.append('/').append(segment(segment));
        }
        return built;
    }

    /**
     * A URL the provider handed back (a next page), moved onto the configured base so the key that
     * is added to it only ever goes to the configured host, whatever host the body names.
     */
    public static ProviderUrl continuation(String base, String providerUrl) {
        URI uri = URI.create(providerUrl);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery();
        return new ProviderUrl(base + path + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    public ProviderUrl param(String name, Object value) {
        url.append(hasQuery ? '&' : '?').append(name).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        hasQuery = true;
        return this;
    }

    /** Adds the parameter unless the value is empty (a provider without a configured key). */
    public ProviderUrl paramIfPresent(String name, String value) {
        return value == null || value.isEmpty() ? this : param(name, value);
    }

    @Override
    public String toString() {
        return url.toString();
    }

    private static String segment(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || SEGMENT_SAFE.indexOf(c) >= 0;
            if (safe) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return encoded.toString();
    }
}
