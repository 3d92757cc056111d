package io.actortrading.feeds.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's request budgets, one per provider and API key, so that every actor using the same
 * key spends from the same budget as the provider does. The key itself is never kept: budgets are
 * filed under a short SHA-256 fingerprint, which is also all that inspection shows.
 */
public final class RequestBudgets {

    /** Hex digits of the SHA-256 kept: enough to tell a node's few keys apart, too few to matter if shown. */
    private static final int FINGERPRINT_HEX_DIGITS = 12;

    /** A budget's identity: the provider and the fingerprint of its API key. */
    public record Key(String provider, String keyFingerprint) {
        public Key {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        }
    }

    private final Map<Key, RequestBudget> budgets = new ConcurrentHashMap<>();

    /**
     * The budget shared by every caller with this provider and API key, created with
     * {@code windows} on first request.
     *
     * @throws IllegalArgumentException if the budget exists with other windows: two configurations
     *     for one key would each think they own the whole limit
     */
    public RequestBudget budget(String provider, String apiKey, List<Window> windows) {
        Key key = new Key(provider, fingerprint(apiKey));
        RequestBudget budget = budgets.computeIfAbsent(key, k -> new RequestBudget(windows));
        if (!budget.windows().equals(windows)) {
            throw new IllegalArgumentException("budget for " + key.provider() + " key " + key.keyFingerprint()
                    + " already exists with windows " + budget.windows() + ", not " + windows);
        }
        return budget;
    }

    /** Every budget by provider and key fingerprint, for inspection. */
    public Map<Key, RequestBudget> all() {
        return Map.copyOf(budgets);
    }

    /** The first {@value #FINGERPRINT_HEX_DIGITS} hex digits of the SHA-256 of the key's UTF-8 bytes. */
    public static String fingerprint(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RequestBudgets" + budgets;
    }
}
