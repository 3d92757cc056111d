package io.actortrading.feeds.polygon;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decodes one response of Polygon's (Massive's) REST aggregates endpoint
 * {@code /v2/aggs/ticker/{ticker}/range/1/minute/{from}/{to}} into one-minute {@link Bar}s, or into a
 * {@link ProviderReply.Failure} that tells the client whether to retry.
 *
 * <p>The body does not say which range it answers: every result is taken to be a one-minute
 * aggregate over {@code [t, t + 60 s)} because the client only asks for {@code range/1/minute}.
 * The ticker is taken from the body's {@code ticker} ({@code X:BTCUSD} becomes {@code BTC-USD}); when
 * it is absent or denotes nothing this system trades, the symbol the request was made for is used.
 *
 * <p>Classification, first match wins (a recorded body replays with HTTP 200, so the body's words count
 * as much as the status code):
 * <ul>
 *   <li>HTTP 429, or an error saying "exceeded the maximum requests": {@code THROTTLED};</li>
 *   <li>HTTP 5xx: {@code TRANSIENT};</li>
 *   <li>HTTP 401, or an error naming the API key ("Unknown API Key"): {@code UNAUTHORIZED};</li>
 *   <li>HTTP 403, or status {@code NOT_AUTHORIZED}: {@code NOT_ENTITLED};</li>
 *   <li>HTTP 2xx with status {@code OK} or {@code DELAYED}: data ({@code results} absent or null is no
 *       data, not an error);</li>
 *   <li>status {@code ERROR}, or any other HTTP 4xx: {@code PERMANENT};</li>
 *   <li>anything else (not JSON, no status, an undocumented status, {@code results} not an array):
 *       {@code MALFORMED}.</li>
 * </ul>
 *
 * <p>A result is left out and counted in {@link ProviderReply.Data#skipped()} when a field is missing,
 * not a finite number, or {@code t} or {@code n} is not a non-negative integer, or the prices are
 * inconsistent (low above open, close or high). A bar that ends after {@code nowMillis} is still
 * forming and is left out without being counted: the next poll brings it complete. Results sharing a
 * start are one minute sent twice; the first is kept. Bars come out oldest first.
 *
 * <p>{@code next_url} is handed on as the provider wrote it, except that an {@code apiKey} parameter,
 * should one ever appear, is removed: the client adds the key itself and no key is kept or echoed.
 * Never throws. Immutable and thread-safe.
 */
public final class PolygonRestCodec {

    private static final JsonMapper JSON = new JsonMapper();
    private static final long ONE_MINUTE_MILLIS = 60_000L;
    private static final int MAX_MESSAGE_CHARS = 300;
    private static final String SOURCE = DataSource.POLYGON_REST.configName();
    private static final Pattern API_KEY_PARAMETER = Pattern.compile("(?i)([?&])apikey=[^&#\\s\"]*&?");
    private static final Pattern API_KEY_TEXT = Pattern.compile("(?i)(apikey=)[^&#\\s\"]*");

    private final SymbolMapping symbols;

    /** Maps tickers with the standard rules, no overrides. */
    public PolygonRestCodec() {
        this(SymbolMapping.standard());
    }

    /** @param symbols the configured mapping, so tickers given an override map back to their symbol */
    public PolygonRestCodec(SymbolMapping symbols) {
        this.symbols = symbols;
    }

    /**
     * @param httpStatus      the response's HTTP status (200 for a recorded body)
     * @param body            the response body as received, possibly null or empty
     * @param canonicalSymbol the symbol the request was made for, used when the body names no usable ticker
     * @param nowMillis       the current time: bars ending after it are still forming
     */
    public ProviderReply decode(int httpStatus, String body, String canonicalSymbol, long nowMillis) {
        JsonNode root = parse(body);
        String status = root.path("status").isTextual() ? root.path("status").asText() : null;
        String message = providerMessage(root);
        String lowerMessage = message == null ? "" : message.toLowerCase(Locale.ROOT);
        boolean success = "OK".equals(status) || "DELAYED".equals(status);

        if (httpStatus == 429 || lowerMessage.contains("exceeded the maximum requests")) {
            return failure(FailureKind.THROTTLED, httpStatus, message);
        }
        if (httpStatus >= 500 && httpStatus < 600) {
            return failure(FailureKind.TRANSIENT, httpStatus, message);
        }
        if (httpStatus == 401 || (!success && lowerMessage.contains("api key"))) {
            return failure(FailureKind.UNAUTHORIZED, httpStatus, message);
        }
        if (httpStatus == 403 || "NOT_AUTHORIZED".equals(status)) {
            return failure(FailureKind.NOT_ENTITLED, httpStatus, message);
        }
        if (success && httpStatus >= 200 && httpStatus < 300) {
            return bars(root, "DELAYED".equals(status), canonicalSymbol, nowMillis);
        }
        if ("ERROR".equals(status) || (httpStatus >= 400 && httpStatus < 500)) {
            return failure(FailureKind.PERMANENT, httpStatus, message);
        }
        return failure(FailureKind.MALFORMED, httpStatus, message != null ? message
                : root.isMissingNode() ? "body is not a JSON object"
                : status == null ? "body has no status" : "undocumented status " + quoted(status));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isEmpty()) {
            return JSON.missingNode();
        }
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? root : JSON.missingNode();
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    /** Polygon puts the reason in {@code error} or in {@code message}, depending on the failure. */
    private static String providerMessage(JsonNode root) {
        JsonNode error = root.path("error");
        JsonNode text = error.isTextual() ? error : root.path("message");
        return text.isTextual() && !text.asText().isBlank() ? text.asText() : null;
    }

    private ProviderReply bars(JsonNode root, boolean delayed, String canonicalSymbol, long nowMillis) {
        String nextPage = nextPage(root.path("next_url"));
        JsonNode results = root.path("results");
        if (results.isMissingNode() || results.isNull()) {
            return new ProviderReply.Data(List.of(), nextPage, delayed, 0);
        }
        if (!results.isArray()) {
            return new ProviderReply.Failure(FailureKind.MALFORMED, "results is not an array");
        }
        Optional<String> symbol = symbol(root.path("ticker"), canonicalSymbol);
        if (symbol.isEmpty() && !results.isEmpty()) {
            return new ProviderReply.Failure(FailureKind.MALFORMED,
                    "neither the body's ticker nor the request names a known symbol");
        }
        TreeMap<Long, Bar> byStart = new TreeMap<>();
        int skipped = 0;
        for (JsonNode result : results) {
            Bar bar = bar(result, symbol.orElse(null));
            if (bar == null) {
                skipped++;
            } else if (bar.end() <= nowMillis) {
                byStart.putIfAbsent(bar.start(), bar);
            }
        }
        List<MarketEvent> events = new ArrayList<>(byStart.values());
        return new ProviderReply.Data(events, nextPage, delayed, skipped);
    }

    private Optional<String> symbol(JsonNode ticker, String canonicalSymbol) {
        Optional<String> fromBody = ticker.isTextual()
                ? symbols.fromProvider(DataSource.POLYGON_REST, ticker.asText())
                : Optional.empty();
        return fromBody.isPresent() ? fromBody : SymbolMapping.canonicalize(canonicalSymbol);
    }

    /** The aggregate as a bar, or null when it is not a complete, consistent one. */
    private static Bar bar(JsonNode result, String symbol) {
        if (!result.isObject()) {
            return null;
        }
        JsonNode t = result.path("t");
        if (!t.canConvertToExactIntegral() || !t.canConvertToLong()) {
            return null;
        }
        long start = t.asLong();
        if (start < 0 || start > Long.MAX_VALUE - ONE_MINUTE_MILLIS) {
            return null;
        }
        double open = finite(result.path("o"));
        double high = finite(result.path("h"));
        double low = finite(result.path("l"));
        double close = finite(result.path("c"));
        double volume = finite(result.path("v"));
        JsonNode vw = result.path("vw");
        double vwap = vw.isMissingNode() || vw.isNull() ? Bar.typicalPrice(high, low, close) : finite(vw);
        long trades = count(result.path("n"));
        boolean numbers = Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low)
                && Double.isFinite(close) && Double.isFinite(volume) && Double.isFinite(vwap) && trades >= 0;
        if (!numbers || volume < 0 || low > open || low > close || open > high || close > high) {
            return null;
        }
        return new Bar(symbol, Timeframe.M1, start, start + ONE_MINUTE_MILLIS,
                open, high, low, close, volume, vwap, trades, SOURCE);
    }

    /** The number, or NaN when the node is not a finite JSON number (strings are not accepted). */
    private static double finite(JsonNode node) {
        if (!node.isNumber()) {
            return Double.NaN;
        }
        double value = node.asDouble();
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** The trade count, 0 when absent, -1 when it is not a non-negative integer. */
    private static long count(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return 0;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            return -1;
        }
        long value = node.asLong();
        return value >= 0 ? value : -1;
    }

    private static String nextPage(JsonNode nextUrl) {
        if (!nextUrl.isTextual() || nextUrl.asText().isBlank()) {
            return null;
        }
        String url = API_KEY_PARAMETER.matcher(nextUrl.asText()).replaceAll("$1");
        return url.endsWith("?") || url.endsWith("&") ? url.substring(0, url.length() - 1) : url;
    }

    private static ProviderReply.Failure failure(FailureKind kind, int httpStatus, String message) {
        String detail = message == null ? "no message" : shortened(API_KEY_TEXT.matcher(message).replaceAll("$1***"));
        return new ProviderReply.Failure(kind, "HTTP " + httpStatus + ": " + detail);
    }

    private static String shortened(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static String quoted(String status) {
        return '"' + shortened(status) + '"';
    }
}
