package io.actortrading.feeds.yahoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decodes the unofficial Yahoo Finance chart API ({@code /v8/finance/chart/{symbol}?interval=1m}) into
 * one-minute {@link Bar}s of the canonical symbol named by {@code meta.symbol}.
 *
 * <ul>
 *   <li>{@code timestamp} holds the bars' starts in epoch seconds; the arrays of {@code indicators.quote[0]}
 *       are parallel to it. A bar with a null, missing or non-numeric element, or whose prices contradict
 *       each other (low above open or close, high below them), is left out and counted in
 *       {@link ProviderReply.Data#skipped()}: Yahoo has no price for that minute and none is invented.</li>
 *   <li>A bar whose minute has not ended by {@code nowMillis} is still forming and left out without
 *       being counted. Yahoo also reports the live price as a last point stamped with the time of the
 *       last trade, not on a minute boundary; once its minute has passed it is no bar and is counted.</li>
 *   <li>Yahoo repeats a minute now and then; its later element wins, as the more recent figure.</li>
 *   <li>A range without bars (no {@code timestamp}, {@code "quote":[{}]}) is data with no events.</li>
 *   <li>Yahoo gives neither VWAP nor trade count: vwap is the typical price, trades 0.</li>
 * </ul>
 *
 * <p>Never throws: bodies that are not what Yahoo documents become {@link FailureKind#MALFORMED}.
 * Thread-safe.
 */
public final class YahooChartCodec {

    /**
     * The User-Agent the chart client must send. Yahoo refuses requests that do not look like they come
     * from a browser (Java's default agent included) with HTTP 429 "Too Many Requests", which would read
     * as a rate limit and send the client into backoff for nothing.
     */
    public static final String BROWSER_USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/131.0.0.0 Safari/537.36";

    private static final String SOURCE = DataSource.YAHOO.configName();
    private static final long ONE_MINUTE_MILLIS = 60_000L;
    private static final long MILLIS_PER_SECOND = 1_000L;
    /** Starts beyond this would overflow once converted to milliseconds and given their end. */
    private static final long LATEST_START_SECONDS = (Long.MAX_VALUE - ONE_MINUTE_MILLIS) / MILLIS_PER_SECOND;
    private static final String TOO_MANY_REQUESTS = "Too Many Requests";
    private static final int MAX_MESSAGE_CHARS = 200;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SymbolMapping symbols;

    /** @param symbols translates Yahoo's spelling in {@code meta.symbol} (BRK-B, EURUSD=X) to canonical symbols */
    public YahooChartCodec(SymbolMapping symbols) {
        this.symbols = symbols;
    }

    /**
     * @param httpStatus the response's HTTP status
     * @param body       the response body as received, possibly null or empty
     * @param nowMillis  the current time: bars ending after it are still forming
     */
    public ProviderReply decode(int httpStatus, String body, long nowMillis) {
        String text = body == null ? "" : body.strip();
        if (httpStatus == 429 || text.equals(TOO_MANY_REQUESTS)) {
            return new ProviderReply.Failure(FailureKind.THROTTLED, TOO_MANY_REQUESTS);
        }
        if (httpStatus >= 500 && httpStatus <= 599) {
            return new ProviderReply.Failure(FailureKind.TRANSIENT, "HTTP " + httpStatus + excerpt(text));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return statusFailure(httpStatus, "invalid JSON: " + e.getOriginalMessage());
        }
        JsonNode chart = root.get("chart");
        if (chart == null || !chart.isObject()) {
            return statusFailure(httpStatus, "no chart object");
        }
        JsonNode error = chart.get("error");
        if (error != null && !error.isNull()) {
            return providerError(httpStatus, error);
        }
        if (httpStatus < 200 || httpStatus > 299) {
            return statusFailure(httpStatus, "chart without error");
        }
        JsonNode results = chart.get("result");
        if (results == null || !results.isArray() || results.isEmpty() || !results.get(0).isObject()) {
            return malformed("chart without a result");
        }
        return bars(results.get(0), nowMillis);
    }

    private ProviderReply bars(JsonNode result, long nowMillis) {
        JsonNode providerSymbol = result.path("meta").path("symbol");
        if (!providerSymbol.isTextual()) {
            return malformed("result without meta.symbol");
        }
        Optional<String> canonical = symbols.fromProvider(DataSource.YAHOO, providerSymbol.textValue());
        if (canonical.isEmpty()) {
            return malformed("symbol " + clip(providerSymbol.textValue()) + " is not one this system trades");
        }
        String symbol = canonical.get();
        JsonNode quotes = result.path("indicators").path("quote");
        if (!quotes.isArray() || quotes.isEmpty() || !quotes.get(0).isObject()) {
            return malformed("result without indicators.quote[0]");
        }
        JsonNode quote = quotes.get(0);
        JsonNode timestamps = result.get("timestamp");
        if (timestamps == null) {
            return quote.isEmpty() ? new ProviderReply.Data(List.of(), null, false, 0)
                    : malformed("quote arrays without timestamp");
        }
        if (!timestamps.isArray()) {
            return malformed("timestamp is not an array");
        }
        JsonNode open = quote.get("open");
        JsonNode high = quote.get("high");
        JsonNode low = quote.get("low");
        JsonNode close = quote.get("close");
        JsonNode volume = quote.get("volume");
        if (!timestamps.isEmpty() && !(isArray(open) && isArray(high) && isArray(low) && isArray(close)
                && isArray(volume))) {
            return malformed("quote lacks one of the open, high, low, close, volume arrays");
        }
        TreeMap<Long, MarketEvent> byStart = new TreeMap<>();
        int skipped = 0;
        for (int i = 0; i < timestamps.size(); i++) {
            JsonNode time = timestamps.get(i);
            if (!time.isIntegralNumber() || !time.canConvertToLong()
                    || time.longValue() < 0 || time.longValue() > LATEST_START_SECONDS) {
                skipped++;
                continue;
            }
            long start = time.longValue() * MILLIS_PER_SECOND;
            long end = start + ONE_MINUTE_MILLIS;
            if (end > nowMillis) {
                continue;
            }
            double o = number(open, i);
            double h = number(high, i);
            double l = number(low, i);
            double c = number(close, i);
            double v = number(volume, i);
            if (start % ONE_MINUTE_MILLIS != 0 || !consistent(o, h, l, c, v)) {
                skipped++;
                continue;
            }
            byStart.put(start, new Bar(symbol, Timeframe.M1, start, end, o, h, l, c, v,
                    Bar.typicalPrice(h, l, c), 0L, SOURCE));
        }
        return new ProviderReply.Data(new ArrayList<>(byStart.values()), null, false, skipped);
    }

    private static boolean isArray(JsonNode node) {
        return node != null && node.isArray();
    }

    /** The element as a number, NaN when it is null, missing or not a number: NaN fails every check after. */
    private static double number(JsonNode array, int index) {
        JsonNode element = array.get(index);
        return element != null && element.isNumber() ? element.doubleValue() : Double.NaN;
    }

    private static boolean consistent(double open, double high, double low, double close, double volume) {
        return Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low) && Double.isFinite(close)
                && Double.isFinite(volume) && volume >= 0
                && low <= open && low <= close && open <= high && close <= high;
    }

    /**
     * Yahoo names its errors with the HTTP reason phrase: {@code Not Found} (404, unknown or delisted
     * symbol), {@code Bad Request} (400, unsupported interval), {@code Unprocessable Entity} (422, a range
     * beyond what the interval allows). None of them gets better by asking again; an error
     * Yahoo names otherwise is taken the same way unless the status says access was refused.
     */
    private static ProviderReply providerError(int httpStatus, JsonNode error) {
        String code = error.path("code").asText("");
        String description = error.path("description").asText("");
        String message = clip(code.isEmpty() ? "error " + error : description.isEmpty() ? code : code + ": " + description);
        FailureKind kind = httpStatus == 401 || httpStatus == 403 ? FailureKind.UNAUTHORIZED : FailureKind.PERMANENT;
        return new ProviderReply.Failure(kind, message);
    }

    /** A response that does not say what went wrong in Yahoo's words: its status is all there is. */
    private static ProviderReply statusFailure(int httpStatus, String detail) {
        if (httpStatus == 401 || httpStatus == 403) {
            return new ProviderReply.Failure(FailureKind.UNAUTHORIZED, "HTTP " + httpStatus + ": " + detail);
        }
        if (httpStatus >= 400 && httpStatus <= 499) {
            return new ProviderReply.Failure(FailureKind.PERMANENT, "HTTP " + httpStatus + ": " + detail);
        }
        return malformed(httpStatus == 200 ? detail : "HTTP " + httpStatus + ": " + detail);
    }

    private static ProviderReply malformed(String detail) {
        return new ProviderReply.Failure(FailureKind.MALFORMED, detail);
    }

    private static String excerpt(String text) {
        return text.isEmpty() ? "" : ": " + clip(text);
    }

    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
