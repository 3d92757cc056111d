package io.actortrading.feeds.twelvedata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actortrading.feeds.ProviderReply;
import io.actortrading.feeds.ProviderReply.FailureKind;
import io.actortrading.feeds.text.DecimalText;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Timeframe;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the body of Twelve Data's {@code GET /time_series?interval=1min} into one-minute {@link Bar}s.
 *
 * <p>Twelve Data lists bars newest first, writes prices (and volume) as strings and stamps each bar with
 * its start in the exchange's local time without an offset, so the zone comes from
 * {@code meta.exchange_timezone}. {@code volume} is absent for forex and reads as 0; the trade count is
 * never given (0) and the vwap is the typical price. Bars come out oldest first, deduplicated by start
 * (the first one listed wins), without the bar that is still forming at {@code nowMillis}.
 *
 * <p>Errors mostly arrive with HTTP 200, recognised by {@code "status":"error"} and classified by
 * their {@code code}: 429 throttled, 401 unauthorized, 403 not entitled, other 4xx permanent, 5xx
 * transient. A non-2xx status without such a body is classified by the status itself.
 *
 * <p>Bad input never throws: a body that is not the documented shape is a {@link FailureKind#MALFORMED}
 * failure, and a value that is incomplete or malformed (unparseable datetime or price, a local time the
 * zone skips, low above high) is left out and counted in {@link ProviderReply.Data#skipped()}. A local
 * time that a zone repeats when clocks go back reads as the earlier instant; US equities do not trade
 * then and Twelve Data stamps crypto and forex in UTC. Stateless and thread-safe.
 */
public final class TwelveDataCodec {

    /** The source id stamped on every bar. */
    public static final String SOURCE = DataSource.TWELVEDATA.configName();

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final long ONE_MINUTE_MILLIS = 60_000L;
    private static final String ONE_MINUTE_INTERVAL = "1min";

    private final SymbolMapping symbols;

    /** @param symbols how Twelve Data's spelling of {@code meta.symbol} maps to the canonical symbol */
    public TwelveDataCodec(SymbolMapping symbols) {
        this.symbols = symbols;
    }

    /** A codec with the standard symbol rules and no overrides. */
    public TwelveDataCodec() {
        this(SymbolMapping.standard());
    }

    /**
     * @param httpStatus the response's HTTP status
     * @param body       the response body, possibly null or empty
     * @param nowMillis  the current time: a bar ending after it is still forming and left out
     */
    public ProviderReply decodeTimeSeries(int httpStatus, String body, long nowMillis) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return httpFailure(httpStatus, "body is not a JSON object");
        }
        JsonNode status = root.get("status");
        if (status != null && "error".equals(status.asText())) {
            return providerError(httpStatus, root);
        }
        if (httpStatus < 200 || httpStatus > 299) {
            return httpFailure(httpStatus, "body is not an error report");
        }
        if (status != null && !"ok".equals(status.asText())) {
            return malformed("status is " + abbreviate(status.toString()));
        }
        return bars(root, nowMillis);
    }

    private ProviderReply bars(JsonNode root, long nowMillis) {
        JsonNode meta = root.get("meta");
        JsonNode values = root.get("values");
        if (meta == null || !meta.isObject()) {
            return malformed("no meta object");
        }
        if (values == null || !values.isArray()) {
            return malformed("no values array");
        }
        JsonNode interval = meta.get("interval");
        if (interval != null && !ONE_MINUTE_INTERVAL.equals(interval.asText())) {
            return malformed("interval is " + abbreviate(interval.toString()) + ", not 1min");
        }
        JsonNode symbolNode = meta.get("symbol");
        if (symbolNode == null || !symbolNode.isTextual()) {
            return malformed("meta.symbol is not a string");
        }
        Optional<String> symbol = symbols.fromProvider(DataSource.TWELVEDATA, symbolNode.asText());
        if (symbol.isEmpty()) {
            return new ProviderReply.Failure(FailureKind.PERMANENT,
                    "symbol " + abbreviate(symbolNode.asText()) + " is nothing this system trades");
        }
        Optional<ZoneId> zone = zone(meta.get("exchange_timezone"));
        if (zone.isEmpty()) {
            return malformed("meta.exchange_timezone is not a time zone");
        }
        List<Bar> bars = new ArrayList<>(values.size());
        int skipped = 0;
        for (JsonNode value : values) {
            Bar bar = bar(value, symbol.get(), zone.get());
            if (bar == null) {
                skipped++;
            } else if (bar.end() <= nowMillis) {
                bars.add(bar);
            }
        }
        // a stable sort keeps the first listed of two bars with one start, which the dedup below keeps
        bars.sort(Comparator.comparingLong(Bar::start));
        List<MarketEvent> events = new ArrayList<>(bars.size());
        long previousStart = Long.MIN_VALUE;
        for (Bar bar : bars) {
            if (bar.start() != previousStart) {
                events.add(bar);
                previousStart = bar.start();
            }
        }
        return new ProviderReply.Data(events, null, false, skipped);
    }

    private static Bar bar(JsonNode value, String symbol, ZoneId zone) {
        if (!value.isObject()) {
            return null;
        }
        long start = start(value.get("datetime"), zone);
        double open = number(value.get("open"));
        double high = number(value.get("high"));
        double low = number(value.get("low"));
        double close = number(value.get("close"));
        JsonNode volumeNode = value.get("volume");
        double volume = volumeNode == null ? 0.0 : number(volumeNode);
        if (start == Long.MIN_VALUE || Double.isNaN(open) || Double.isNaN(high) || Double.isNaN(low)
                || Double.isNaN(close) || Double.isNaN(volume)) {
            return null;
        }
        if (low <= 0.0 || low > Math.min(open, close) || high < Math.max(open, close) || volume < 0.0) {
            return null;
        }
        return new Bar(symbol, Timeframe.M1, start, start + ONE_MINUTE_MILLIS, open, high, low, close, volume,
                Bar.typicalPrice(high, low, close), 0L, SOURCE);
    }

    /** Epoch ms of an exchange-local minute, or Long.MIN_VALUE when the text is not one. */
    private static long start(JsonNode datetime, ZoneId zone) {
        if (datetime == null || !datetime.isTextual()) {
            return Long.MIN_VALUE;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(datetime.asText(), DATETIME);
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
        if (local.getSecond() != 0) {
            return Long.MIN_VALUE;
        }
        ZonedDateTime zoned = local.atZone(zone);
        // a local time the zone skips (spring forward) names no instant
        return zoned.toLocalDateTime().equals(local) ? zoned.toInstant().toEpochMilli() : Long.MIN_VALUE;
    }

    /** A finite number written as a string (as documented) or as a JSON number; NaN otherwise. */
    private static double number(JsonNode node) {
        if (node == null) {
            return Double.NaN;
        }
        if (node.isTextual()) {
            String text = node.asText();
            return DecimalText.parse(text.toCharArray(), 0, text.length());
        }
        if (node.isNumber()) {
            double v = node.asDouble();
            return Double.isFinite(v) ? v : Double.NaN;
        }
        return Double.NaN;
    }

    private static Optional<ZoneId> zone(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(node.asText()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ProviderReply providerError(int httpStatus, JsonNode root) {
        JsonNode message = root.get("message");
        String text = message != null && message.isTextual() ? message.asText() : "";
        JsonNode code = root.get("code");
        int errorCode = code != null && code.canConvertToInt() && code.isIntegralNumber() ? code.asInt() : httpStatus;
        FailureKind kind = kind(errorCode);
        if (kind == null) {
            return malformed("error without a usable code: " + abbreviate(text));
        }
        return new ProviderReply.Failure(kind, text.isEmpty() ? "error " + errorCode : text);
    }

    private static ProviderReply httpFailure(int httpStatus, String problem) {
        FailureKind kind = httpStatus >= 200 && httpStatus <= 299 ? null : kind(httpStatus);
        return kind == null
                ? malformed("HTTP " + httpStatus + ": " + problem)
                : new ProviderReply.Failure(kind, "HTTP " + httpStatus);
    }

    /** The failure an HTTP-style code stands for; null when it stands for none. */
    private static FailureKind kind(int code) {
        if (code == 429) {
            return FailureKind.THROTTLED;
        }
        if (code == 401) {
            return FailureKind.UNAUTHORIZED;
        }
        if (code == 403) {
            return FailureKind.NOT_ENTITLED;
        }
        if (code >= 400 && code <= 499) {
            return FailureKind.PERMANENT;
        }
        if (code >= 500 && code <= 599) {
            return FailureKind.TRANSIENT;
        }
        return null;
    }

    private static ProviderReply malformed(String message) {
        return new ProviderReply.Failure(FailureKind.MALFORMED, message);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
