package io.actortrading.feeds.rest;

import java.util.regex.Pattern;

/**
 * Keeps API keys out of everything that is logged, shown or put in a failure message: the values of
 * key and token query parameters ({@code apiKey=}, {@code apikey=}, {@code api_key=}, {@code token=},
 * {@code access_token=}), {@code Authorization} header values and bearer tokens, and, when the caller
 * knows it, the key itself wherever a provider echoes it.
 */
public final class Redaction {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final Pattern KEY_PARAMETER = Pattern.compile("(?i)((?:api[_-]?key|token)=)[^&#\\s\"'<>]+");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(authorization\\s*[:=]\\s*)[^\\r\\n,;\"']+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s,;\"']+");

    private Redaction() {
    }

    /** The text with every key parameter value, Authorization header value and bearer token masked. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String masked = KEY_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
        return BEARER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** As {@link #redact(String)}, and every literal occurrence of {@code secret} masked too. */
    public static String redact(String text, String secret) {
        String masked = redact(text);
        return secret == null || secret.isBlank() ? masked : masked.replace(secret, MASK);
    }
}
