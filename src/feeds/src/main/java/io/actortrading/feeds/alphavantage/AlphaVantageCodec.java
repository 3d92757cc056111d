package io.actortrading.feeds.alphavantage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.text.DecimalText;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decodes Alpha Vantage's REST answers: {@code TIME_SERIES_INTRADAY} with {@code interval=1min} into
 * one-minute {@link Bar}s, and {@code GLOBAL_QUOTE} into a single {@link Tick}.
 *
 * <p>Alpha Vantage reports errors and throttling with HTTP 200, so the body decides: {@code Error Message}
 * is {@link FailureKind#PERMANENT}; a {@code Note} or {@code Information} about the rate limit is
 * {@link FailureKind#THROTTLED}; one about a premium endpoint is {@link FailureKind#NOT_ENTITLED} (the
 * rate-limit text also advertises the premium plans, so the rate limit is recognised first). HTTP 5xx is
 * {@link FailureKind#TRANSIENT}.
 *
 * <p>Intraday keys are exchange-local times in the zone the {@code Time Zone} line names ({@code US/Eastern}),
 * converted with that zone's rules so daylight saving time is honoured. A local time that the clocks skip
 * or repeat names no single instant and is skipped. Entries come newest first and are re-ordered by time.
 *
 * <p>Bad input never throws: an entry that is incomplete, non-numeric, not minute-aligned or not a
 * consistent OHLC is counted in {@link ProviderReply.Data#skipped()}; a body that is not a documented
 * answer is a {@link FailureKind#MALFORMED} failure. Thread-safe: the codec holds no mutable state.
 */
public final class AlphaVantageCodec {

    /** The source id stamped on every event. */
    public static final String SOURCE = DataSource.ALPHAVANTAGE.configName();

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String ONE_MINUTE_SERIES = "Time Series (1min)";
    private static final String SERIES_PREFIX = "Time Series (";
    private static final long ONE_MINUTE_MILLIS = 60_000L;
    private static final int MAX_MESSAGE_CHARS = 500;
    /** The key travels in the query string; a provider message quoting the request must not leak it. */
    private static final Pattern API_KEY = Pattern.compile("(?i)(apikey=)[^&\\s\"]+");
    /** Alpha Vantage numbers its field names ({@code "2. Symbol"}, {@code "05. price"}). */
    private static final Pattern FIELD_NUMBER = Pattern.compile("^\\d+\\.\\s*");

    private final SymbolMapping symbols;

    /** @param symbols maps Alpha Vantage's spelling ({@code BRK-B}) to the canonical symbol ({@code BRK.B}) */
    public AlphaVantageCodec(SymbolMapping symbols) {
        this.symbols = symbols;
    }

    /**
     * Decodes a {@code TIME_SERIES_INTRADAY} answer with {@code interval=1min}.
     *
     * @param nowMillis the bars ending after this are still forming and are left out
     */
    public ProviderReply decodeIntraday(int httpStatus, String body, long nowMillis) {
        Parsed parsed = parse(httpStatus, body, "Meta Data");
        if (parsed.failure() != null) {
            return parsed.failure();
        }
        JsonNode meta = parsed.root().get("Meta Data");
        if (!meta.isObject()) {
            return malformed("Meta Data is not an object");
        }
        String providerSymbol = numberedText(meta, "Symbol");
        if (providerSymbol == null) {
            return malformed("Meta Data names no symbol");
        }
        Optional<String> symbol = symbols.fromProvider(DataSource.ALPHAVANTAGE, providerSymbol);
        if (symbol.isEmpty()) {
            return new ProviderReply.Failure(FailureKind.PERMANENT,
                    "symbol '" + clip(providerSymbol) + "' is not one this system trades");
        }
        String zoneName = numberedText(meta, "Time Zone");
        if (zoneName == null) {
            return malformed("Meta Data names no time zone");
        }
        ZoneRules zone;
        try {
            zone = ZoneId.of(zoneName).getRules();
        } catch (DateTimeException e) {
            return malformed("unknown time zone '" + clip(zoneName) + "'");
        }
        JsonNode series = parsed.root().get(ONE_MINUTE_SERIES);
        if (series == null) {
            String other = seriesName(parsed.root);
            return malformed(other == null ? "no Time Series" : other + " is not the one-minute series");
        }
        if (!series.isObject()) {
            return malformed(ONE_MINUTE_SERIES + " is not an object");
        }
        return bars(symbol.get(), zone, series, nowMillis);
    }

    /**
     * Decodes a {@code GLOBAL_QUOTE} answer into one {@link Tick} at {@code price}, stamped {@code nowMillis},
     * of size 0. The answer carries a trading day but no time of day, and {@code price} is the last price as
     * of the request, so the time of the request is the only honest timestamp; its {@code volume} is the
     * day's volume, not the size of a trade, so the size is 0. It is not a {@code Quote}: there is no bid or
     * ask. The tick has no provider identity, so it is never taken for a duplicate.
     */
    public ProviderReply decodeGlobalQuote(int httpStatus, String body, long nowMillis) {
        Parsed parsed = parse(httpStatus, body, "Global Quote");
        if (parsed.failure() != null) {
            return parsed.failure();
        }
        JsonNode quote = parsed.root().get("Global Quote");
        if (!quote.isObject()) {
            return malformed("Global Quote is not an object");
        }
        if (quote.isEmpty()) {
            return new ProviderReply.Failure(FailureKind.PERMANENT, "unknown symbol: Global Quote is empty");
        }
        String providerSymbol = numberedText(quote, "symbol");
        if (providerSymbol == null) {
            return malformed("Global Quote names no symbol");
        }
        Optional<String> symbol = symbols.fromProvider(DataSource.ALPHAVANTAGE, providerSymbol);
        if (symbol.isEmpty()) {
            return new ProviderReply.Failure(FailureKind.PERMANENT,
                    "symbol '" + clip(providerSymbol) + "' is not one this system trades");
        }
        double price = number(numbered(quote, "price"));
        if (!(price > 0)) {
            return malformed("Global Quote for " + symbol.get() + " has no positive finite price");
        }
        List<MarketEvent> events = List.of(Tick.of(symbol.get(), nowMillis, price, 0, SOURCE));
        return new ProviderReply.Data(events, null, false, 0);
    }

    /** The body's JSON object when it holds {@code payloadField}, else the failure the status or body means. */
    private static Parsed parse(int httpStatus, String body, String payloadField) {
        if (httpStatus >= 500) {
            return Parsed.failed(FailureKind.TRANSIENT, "HTTP " + httpStatus + statusDetail(body));
        }
        if (httpStatus == 429) {
            return Parsed.failed(FailureKind.THROTTLED, "HTTP 429" + statusDetail(body));
        }
        if (httpStatus == 401 || httpStatus == 403) {
            return Parsed.failed(FailureKind.UNAUTHORIZED, "HTTP " + httpStatus + statusDetail(body));
        }
        if (httpStatus < 200 || httpStatus >= 300) {
            return Parsed.failed(FailureKind.PERMANENT, "HTTP " + httpStatus + statusDetail(body));
        }
        if (body == null || body.isBlank()) {
            return Parsed.failed(FailureKind.MALFORMED, "empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Parsed.failed(FailureKind.MALFORMED, "invalid JSON: " + clip(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return Parsed.failed(FailureKind.MALFORMED, "body is not a JSON object");
        }
        if (root.has(payloadField)) {
            return new Parsed(root, null);
        }
        return new Parsed(null, providerError(root, payloadField));
    }

    private static ProviderReply.Failure providerError(JsonNode root, String payloadField) {
        String error = text(root.get("Error Message"));
        if (error != null) {
            return new ProviderReply.Failure(FailureKind.PERMANENT, clip(error));
        }
        String note = text(root.get("Note"));
        String information = note != null ? note : text(root.get("Information"));
        if (information != null) {
            String lower = information.toLowerCase(Locale.ROOT);
            if (lower.contains("rate limit") || lower.contains("call frequency") || lower.contains("per minute")
                    || lower.contains("per day")) {
                return new ProviderReply.Failure(FailureKind.THROTTLED, clip(information));
            }
            if (lower.contains("premium")) {
                return new ProviderReply.Failure(FailureKind.NOT_ENTITLED, clip(information));
            }
            return malformed("unrecognised notice: " + clip(information));
        }
        return malformed("neither " + payloadField + " nor an error message");
    }

    private static ProviderReply bars(String symbol, ZoneRules zone, JsonNode series, long nowMillis) {
        TreeMap<Long, Bar> byStart = new TreeMap<>();
        int skipped = 0;
        for (Map.Entry<String, JsonNode> entry : series.properties()) {
            Bar bar = bar(symbol, zone, entry.getKey(), entry.getValue());
            if (bar == null || byStart.putIfAbsent(bar.start(), bar) != null) {
                skipped++;
            }
        }
        List<MarketEvent> events = new ArrayList<>(byStart.size());
        for (Bar bar : byStart.values()) {
            if (bar.end() <= nowMillis) {
                events.add(bar);
            }
        }
        return new ProviderReply.Data(events, null, false, skipped);
    }

    /** The bar an entry describes, or null when the entry is incomplete, malformed or names no single instant. */
    private static Bar bar(String symbol, ZoneRules zone, String localTime, JsonNode values) {
        LocalDateTime local = localDateTime(localTime);
        if (local == null || local.getSecond() != 0 || !values.isObject()) {
            return null;
        }
        List<ZoneOffset> offsets = zone.getValidOffsets(local);
        if (offsets.size() != 1) {
            return null;
        }
        long start = local.toEpochSecond(offsets.get(0)) * 1000L;
        double open = number(numbered(values, "open"));
        double high = number(numbered(values, "high"));
        double low = number(numbered(values, "low"));
        double close = number(numbered(values, "close"));
        double volume = number(numbered(values, "volume"));
        boolean consistent = low <= open && low <= close && open <= high && close <= high && volume >= 0;
        if (!consistent) {
            // also catches NaN, which fails every comparison
            return null;
        }
        return new Bar(symbol, Timeframe.M1, start, start + ONE_MINUTE_MILLIS, open, high, low, close, volume,
                Bar.typicalPrice(high, low, close), 0L, SOURCE);
    }

    /** {@code yyyy-MM-dd HH:mm:ss} strictly, or null; checked by hand so bad keys cost no exception. */
    private static LocalDateTime localDateTime(String text) {
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A finite number from a string (as documented) or a JSON number; NaN for anything else. */
    private static double number(JsonNode node) {
        if (node == null) {
            return Double.NaN;
        }
        if (node.isTextual()) {
            char[] text = node.textValue().toCharArray();
            return DecimalText.parse(text, 0, text.length);
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) ? value : Double.NaN;
        }
        return Double.NaN;
    }

    /** The field whose name is {@code name} after Alpha Vantage's numbering, case aside. */
    private static JsonNode numbered(JsonNode object, String name) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (FIELD_NUMBER.matcher(field.getKey()).replaceFirst("").equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private static String numberedText(JsonNode object, String name) {
        String text = text(numbered(object, name));
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String seriesName(JsonNode root) {
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (name.startsWith(SERIES_PREFIX)) {
                return clip(name);
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String statusDetail(String body) {
        return body == null || body.isBlank() ? "" : ": " + clip(body.strip());
    }

    private static String clip(String message) {
        if (message == null) {
            return "";
        }
        String redacted = API_KEY.matcher(message).replaceAll("$1***");
        return redacted.length() <= MAX_MESSAGE_CHARS ? redacted : redacted.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static ProviderReply.Failure malformed(String reason) {
        return new ProviderReply.Failure(FailureKind.MALFORMED, reason);
    }

    /** A parsed body holding the expected payload, or the failure it stands for. */
    private record Parsed(JsonNode root, ProviderReply.Failure failure) {

        static Parsed failed(FailureKind kind, String message) {
            return new Parsed(null, new ProviderReply.Failure(kind, clip(message)));
        }
    }
}
