package io.actortrading.feeds.twelvedata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actortrading.feeds.text.DecimalText;
import io.actortrading.market.Tick;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the text frames of Twelve Data's price WebSocket ({@code /v1/quotes/price}): one JSON object
 * per frame.
 *
 * <ul>
 *   <li>{@code price} events become {@link Tick}s at {@code timestamp} (epoch seconds, converted to
 *       milliseconds) and {@code price}, with size 0: Twelve Data sends no trade size, and
 *       {@code day_volume} is the day's cumulative volume, not the size of this print. The ticks carry no
 *       provider identity, so they are never recognised as duplicates. {@code bid} and {@code ask} are
 *       ignored.</li>
 *   <li>{@code subscribe-status} goes to {@link Listener#onSubscribeStatus} with the canonical symbols of
 *       {@code success} and {@code fails} (each an object with a {@code symbol}, or a plain string).</li>
 *   <li>{@code heartbeat} with status {@code ok} goes to {@link Listener#onHeartbeat}.</li>
 *   <li>Any other frame with {@code "status":"error"} (usually one without {@code event}) goes to
 *       {@link Listener#onError} as {@code "<code>: <message>"}, or the message alone without a code.</li>
 * </ul>
 *
 * <p>Bad input never throws: invalid JSON, an unknown event, a missing or mistyped field, a non-finite
 * number or a symbol that maps to no canonical symbol is reported to {@link Listener#onMalformed}; a
 * subscribe-status entry whose symbol maps to nothing is reported there too and left out of the lists.
 * One codec per connection: its counters are not thread-safe.
 */
public final class TwelveDataWsCodec {

    /** Where decoded frames go. Called on the decoding thread, in frame order. */
    public interface Listener {

        void onPrice(Tick tick);

        /**
         * @param status         Twelve Data's status of the subscription ({@code ok}, {@code error})
         * @param successSymbols canonical symbols now subscribed
         * @param failedSymbols  canonical symbols Twelve Data refused
         */
        void onSubscribeStatus(String status, List<String> successSymbols, List<String> failedSymbols);

        void onHeartbeat();

        /** An error the server reported, e.g. a refused key or too many connections. */
        void onError(String message);

        void onMalformed(String reason);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long MILLIS_PER_SECOND = 1_000L;
    /** Epoch seconds beyond which milliseconds would overflow a long. */
    private static final double MAX_EPOCH_SECONDS = Long.MAX_VALUE / (double) MILLIS_PER_SECOND;

    private final SymbolMapping symbols;

    private long prices;
    private long malformed;

    /** @param symbols how Twelve Data's spellings map to canonical symbols */
    public TwelveDataWsCodec(SymbolMapping symbols) {
        this.symbols = symbols;
    }

    /** A codec with the standard symbol rules and no overrides. */
    public TwelveDataWsCodec() {
        this(SymbolMapping.standard());
    }

    /** Decodes one text frame as the WebSocket delivered it. */
    public void decode(String frame, Listener listener) {
        JsonNode root = parse(frame);
        if (root == null) {
            malformed(listener, "frame is not valid JSON");
            return;
        }
        if (!root.isObject()) {
            malformed(listener, "frame is not a JSON object");
            return;
        }
        JsonNode event = root.get("event");
        String status = text(root.get("status"));
        // a refused subscription is a subscribe-status with status error, which names the refused symbols
        if ("error".equals(status) && (event == null || !"subscribe-status".equals(event.asText()))) {
            error(root, listener);
            return;
        }
        if (event == null) {
            malformed(listener, "frame without event");
            return;
        }
        switch (event.asText()) {
            case "price":
                price(root, listener);
                break;
            case "subscribe-status":
                subscribeStatus(root, status, listener);
                break;
            case "heartbeat":
                if ("ok".equals(status)) {
                    listener.onHeartbeat();
                } else {
                    malformed(listener, "heartbeat with status " + abbreviate(String.valueOf(status)));
                }
                break;
            default:
                malformed(listener, "unknown event " + abbreviate(event.toString()));
        }
    }

    /** Price events delivered as ticks so far. */
    public long prices() {
        return prices;
    }

    /** Malformed frames and subscription entries reported so far. */
    public long malformed() {
        return malformed;
    }

    private void price(JsonNode root, Listener listener) {
        String spelling = text(root.get("symbol"));
        if (spelling == null) {
            malformed(listener, "price event without a symbol string");
            return;
        }
        Optional<String> symbol = symbols.fromProvider(DataSource.TWELVEDATA, spelling);
        if (symbol.isEmpty()) {
            malformed(listener, "price event for unmapped symbol " + abbreviate(spelling));
            return;
        }
        double seconds = number(root.get("timestamp"));
        if (Double.isNaN(seconds) || seconds <= 0.0 || seconds >= MAX_EPOCH_SECONDS) {
            malformed(listener, "price event without a valid timestamp");
            return;
        }
        double price = number(root.get("price"));
        if (Double.isNaN(price) || price <= 0.0) {
            malformed(listener, "price event without a positive price");
            return;
        }
        prices++;
        listener.onPrice(Tick.of(symbol.get(), Math.round(seconds * MILLIS_PER_SECOND), price, 0.0,
                TwelveDataCodec.SOURCE));
    }

    private void subscribeStatus(JsonNode root, String status, Listener listener) {
        if (status == null) {
            malformed(listener, "subscribe-status without a status string");
            return;
        }
        List<String> success = symbolList(root.get("success"), listener);
        List<String> fails = symbolList(root.get("fails"), listener);
        if (success == null || fails == null) {
            malformed(listener, "subscribe-status whose success or fails is not a list");
            return;
        }
        listener.onSubscribeStatus(status, List.copyOf(success), List.copyOf(fails));
    }

    /** Canonical symbols of a list of entries; empty for JSON null or absence, null when not a list. */
    private List<String> symbolList(JsonNode entries, Listener listener) {
        if (entries == null || entries.isNull()) {
            return List.of();
        }
        if (!entries.isArray()) {
            return null;
        }
        List<String> canonical = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            String spelling = entry.isObject() ? text(entry.get("symbol")) : text(entry);
            Optional<String> symbol = spelling == null
                    ? Optional.empty()
                    : symbols.fromProvider(DataSource.TWELVEDATA, spelling);
            if (symbol.isPresent()) {
                canonical.add(symbol.get());
            } else {
                malformed(listener, "subscribe-status entry without a mappable symbol: " + abbreviate(entry.toString()));
            }
        }
        return canonical;
    }

    private static void error(JsonNode root, Listener listener) {
        JsonNode code = root.get("code");
        String message = text(root.get("message"));
        String codeText = code == null || code.isNull() ? "" : abbreviate(code.asText());
        String text = message == null ? "" : message;
        listener.onError(codeText.isEmpty() ? text : codeText + ": " + text);
    }

    private void malformed(Listener listener, String reason) {
        malformed++;
        listener.onMalformed(reason);
    }

    /** A finite number, as a JSON number or a decimal string; NaN otherwise. */
    private static double number(JsonNode node) {
        if (node == null) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            double v = node.asDouble();
            return Double.isFinite(v) ? v : Double.NaN;
        }
        if (node.isTextual()) {
            String s = node.asText();
            return DecimalText.parse(s.toCharArray(), 0, s.length());
        }
        return Double.NaN;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static String abbreviate(String text) {
        return TwelveDataCodec.abbreviate(text);
    }

    private static JsonNode parse(String frame) {
        if (frame == null || frame.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
