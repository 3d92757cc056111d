package io.actortrading.feeds.polygon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.actortrading.feeds.text.SymbolTable;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes the text frames of Polygon's (Massive's) WebSocket API: each frame is a JSON array that may
 * mix status events and data events of any ticker.
 *
 * <ul>
 *   <li>{@code T} (stocks) and {@code XT} (crypto) trades become {@link Tick}s carrying the trade id
 *       {@code i}, the exchange {@code x} and, for stocks, the per-ticker sequence {@code q}, which is
 *       what lets the node recognise a repeated trade as a duplicate.</li>
 *   <li>{@code Q} and {@code XQ} become {@link Quote}s; stock quote sizes come in round lots and are
 *       converted to shares (times 100).</li>
 *   <li>{@code AM} and {@code XA} minute aggregates become one-minute {@link Bar}s over {@code [s, e)};
 *       the trade count is unknown (0): {@code z} is the average trade size, not a count.</li>
 *   <li>{@code A} and {@code XAS} per-second aggregates are counted and dropped: the node builds its
 *       minutes from trades or from the minute aggregates, and feeding it both the seconds and the
 *       minute that contains them would count the same volume twice.</li>
 *   <li>{@code status} events go to {@link Listener#onStatus}.</li>
 * </ul>
 *
 * Symbols are taken as Polygon spells them on the WebSocket, which is already canonical: stock
 * tickers as they are, crypto pairs as {@code BTC-USD}.
 *
 * <p>Bad input never throws: an element that is not a well-formed event of a known type (unknown
 * {@code ev}, a missing or mistyped field, a non-finite number) is reported to
 * {@link Listener#onMalformed} and the next element is decoded. Invalid JSON ends the frame: events
 * completed before the syntax error have been delivered, the rest is reported as malformed.
 *
 * <p>The frame is read with Jackson's streaming parser into reused field slots, so decoding allocates
 * little besides the events themselves (and the trade id strings they carry). One codec per
 * connection or file: it is not thread-safe.
 */
public final class PolygonWsCodec {

    /** Where decoded frames go. Called on the decoding thread, in frame order. */
    public interface Listener {

        void onEvent(MarketEvent event);

        /** A status event, e.g. {@code auth_success}, {@code auth_failed}, {@code max_connections}; message may be empty. */
        void onStatus(String status, String message);

        void onMalformed(String reason);
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private static final int ROUND_LOT = 100;
    private static final long ONE_MINUTE_MILLIS = 60_000L;

    /** The {@code ev} of an event; NONE when the event has none. */
    private enum EventType { NONE, UNKNOWN, STATUS, T, Q, AM, A, XT, XQ, XA, XAS }

    /** Slots of the fields the event types use; names mean different things per type (s is a size or a start). */
    private static final int F_X = 0;
    private static final int F_I = 1;
    private static final int F_P = 2;
    private static final int F_S = 3;
    private static final int F_T = 4;
    private static final int F_Q = 5;
    private static final int F_BP = 6;
    private static final int F_BS = 7;
    private static final int F_AP = 8;
    private static final int F_AS = 9;
    private static final int F_O = 10;
    private static final int F_H = 11;
    private static final int F_L = 12;
    private static final int F_C = 13;
    private static final int F_V = 14;
    private static final int F_VW = 15;
    private static final int F_E = 16;
    private static final int FIELD_COUNT = 17;

    /** What a slot holds for the current event. */
    private static final byte ABSENT = 0;
    private static final byte INTEGER = 1;
    private static final byte DECIMAL = 2;
    private static final byte TEXT = 3;
    private static final byte OTHER = 4;

    private final String source;
    private final SymbolTable symbols = new SymbolTable();

    private final byte[] kind = new byte[FIELD_COUNT];
    private final long[] integers = new long[FIELD_COUNT];
    private final double[] decimals = new double[FIELD_COUNT];
    private EventType ev;
    private String unknownEv;
    private String sym;
    private String pair;
    private boolean symInvalid;
    private boolean pairInvalid;
    private String tradeIdText;
    private String status;
    private String message;
    private String problem;

    private long events;
    private long statusEvents;
    private long perSecondAggregates;
    private long malformed;

    /** @param source the source id stamped on every event ({@code polygon} live, the replay's name in replay) */
    public PolygonWsCodec(String source) {
        this.source = source;
    }

    /** Decodes one text frame as the WebSocket delivered it. */
    public void decode(String frame, Listener listener) {
        try (JsonParser parser = JSON.createParser(frame)) {
            decodeFrame(parser, listener);
        } catch (IOException e) {
            reportInvalidJson(e, listener);
        }
    }

    /** Decodes one frame held in {@code text[offset, offset + length)}, e.g. a line of a recorded file. */
    public void decode(char[] text, int offset, int length, Listener listener) {
        try (JsonParser parser = JSON.createParser(text, offset, length)) {
            decodeFrame(parser, listener);
        } catch (IOException e) {
            reportInvalidJson(e, listener);
        }
    }

    /** Market events delivered so far. */
    public long events() {
        return events;
    }

    /** Status events delivered so far. */
    public long statusEvents() {
        return statusEvents;
    }

    /** Per-second aggregates ({@code A}, {@code XAS}) dropped so far. */
    public long perSecondAggregates() {
        return perSecondAggregates;
    }

    /** Malformed elements and frames reported so far. */
    public long malformed() {
        return malformed;
    }

    private void decodeFrame(JsonParser parser, Listener listener) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            malformed(listener, "frame is not a JSON array");
            return;
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                malformed(listener, "frame ends inside the array");
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                malformed(listener, "array element is not an event object");
                continue;
            }
            readEvent(parser);
            deliver(listener);
        }
        if (parser.nextToken() != null) {
            malformed(listener, "content after the frame's array");
        }
    }

    private void readEvent(JsonParser parser) throws IOException {
        Arrays.fill(kind, ABSENT);
        ev = EventType.NONE;
        unknownEv = null;
        sym = null;
        pair = null;
        symInvalid = false;
        pairInvalid = false;
        tradeIdText = null;
        status = null;
        message = null;
        problem = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "ev":
                    readEventType(parser, value);
                    break;
                case "sym":
                    sym = value == JsonToken.VALUE_STRING ? symbol(parser) : null;
                    symInvalid = sym == null;
                    break;
                case "pair":
                    pair = value == JsonToken.VALUE_STRING ? symbol(parser) : null;
                    pairInvalid = pair == null;
                    break;
                case "status":
                    status = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    break;
                case "message":
                    message = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    break;
                case "i":
                    tradeIdText = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    readValue(parser, value, F_I);
                    break;
                case "x":
                    readValue(parser, value, F_X);
                    break;
                case "p":
                    readValue(parser, value, F_P);
                    break;
                case "s":
                    readValue(parser, value, F_S);
                    break;
                case "t":
                    readValue(parser, value, F_T);
                    break;
                case "q":
                    readValue(parser, value, F_Q);
                    break;
                case "bp":
                    readValue(parser, value, F_BP);
                    break;
                case "bs":
                    readValue(parser, value, F_BS);
                    break;
                case "ap":
                    readValue(parser, value, F_AP);
                    break;
                case "as":
                    readValue(parser, value, F_AS);
                    break;
                case "o":
                    readValue(parser, value, F_O);
                    break;
                case "h":
                    readValue(parser, value, F_H);
                    break;
                case "l":
                    readValue(parser, value, F_L);
                    break;
                case "c":
                    readValue(parser, value, F_C);
                    break;
                case "v":
                    readValue(parser, value, F_V);
                    break;
                case "vw":
                    readValue(parser, value, F_VW);
                    break;
                case "e":
                    readValue(parser, value, F_E);
                    break;
                default:
                    parser.skipChildren();
            }
        }
    }

    private void readEventType(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            ev = EventType.UNKNOWN;
            unknownEv = "(not a string)";
            return;
        }
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        ev = eventType(text, offset, length);
        if (ev == EventType.UNKNOWN) {
            unknownEv = '"' + new String(text, offset, Math.min(length, 40)) + '"';
        }
    }

    private static EventType eventType(char[] text, int offset, int length) {
        switch (length) {
            case 1:
                return is(text, offset, length, "T") ? EventType.T
                        : is(text, offset, length, "Q") ? EventType.Q
                        : is(text, offset, length, "A") ? EventType.A : EventType.UNKNOWN;
            case 2:
                return is(text, offset, length, "AM") ? EventType.AM
                        : is(text, offset, length, "XT") ? EventType.XT
                        : is(text, offset, length, "XQ") ? EventType.XQ
                        : is(text, offset, length, "XA") ? EventType.XA : EventType.UNKNOWN;
            case 3:
                return is(text, offset, length, "XAS") ? EventType.XAS : EventType.UNKNOWN;
            default:
                return is(text, offset, length, "status") ? EventType.STATUS : EventType.UNKNOWN;
        }
    }

    private static boolean is(char[] text, int offset, int length, String expected) {
        if (length != expected.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (text[offset + k] != expected.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private String symbol(JsonParser parser) throws IOException {
        int offset = parser.getTextOffset();
        return symbols.canonical(parser.getTextCharacters(), offset, offset + parser.getTextLength());
    }

    private void readValue(JsonParser parser, JsonToken value, int slot) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = parser.getNumberType();
            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                long v = parser.getLongValue();
                kind[slot] = INTEGER;
                integers[slot] = v;
                decimals[slot] = v;
            } else {
                kind[slot] = DECIMAL;
                decimals[slot] = parser.getDoubleValue();
            }
        } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            kind[slot] = DECIMAL;
            decimals[slot] = parser.getDoubleValue();
        } else if (value == JsonToken.VALUE_STRING) {
            kind[slot] = TEXT;
        } else {
            parser.skipChildren();
            kind[slot] = OTHER;
        }
    }

    private void deliver(Listener listener) {
        switch (ev) {
            case T:
                trade(listener, stockSymbol());
                break;
            case XT:
                trade(listener, cryptoSymbol());
                break;
            case Q:
                quote(listener, stockSymbol());
                break;
            case XQ:
                quote(listener, cryptoSymbol());
                break;
            case AM:
                minuteBar(listener, stockSymbol());
                break;
            case XA:
                minuteBar(listener, cryptoSymbol());
                break;
            case A:
            case XAS:
                perSecondAggregates++;
                break;
            case STATUS:
                if (status == null) {
                    malformed(listener, "status event without a status string");
                } else {
                    statusEvents++;
                    listener.onStatus(status, message == null ? "" : message);
                }
                break;
            case NONE:
                malformed(listener, "event without ev");
                break;
            default:
                malformed(listener, "unknown ev " + unknownEv);
        }
    }

    private void trade(Listener listener, String symbol) {
        double price = finite(F_P, "p");
        double size = finite(F_S, "s");
        long time = integer(F_T, "t");
        String tradeId = tradeId();
        // only stock trades carry the per-ticker sequence
        long sequence = ev == EventType.T ? optionalCount(F_Q, "q", Tick.NO_SEQUENCE) : Tick.NO_SEQUENCE;
        long exchange = optionalCount(F_X, "x", 0);
        if (exchange > Integer.MAX_VALUE) {
            fail("x is out of range");
        }
        if (symbol == null || problem != null) {
            malformedEvent(listener, symbol);
            return;
        }
        events++;
        listener.onEvent(new Tick(symbol, time, price, size, source, tradeId, sequence, (int) exchange));
    }

    private void quote(Listener listener, String symbol) {
        int sizeMultiplier = ev == EventType.Q ? ROUND_LOT : 1;
        double bid = finite(F_BP, "bp");
        double ask = finite(F_AP, "ap");
        double bidSize = optionalFinite(F_BS, "bs") * sizeMultiplier;
        double askSize = optionalFinite(F_AS, "as") * sizeMultiplier;
        long time = integer(F_T, "t");
        if (symbol == null || problem != null) {
            malformedEvent(listener, symbol);
            return;
        }
        events++;
        listener.onEvent(new Quote(symbol, time, bid, bidSize, ask, askSize, source));
    }

    private void minuteBar(Listener listener, String symbol) {
        double open = finite(F_O, "o");
        double high = finite(F_H, "h");
        double low = finite(F_L, "l");
        double close = finite(F_C, "c");
        double volume = finite(F_V, "v");
        long start = integer(F_S, "s");
        long end = integer(F_E, "e");
        double vwap = kind[F_VW] == ABSENT ? Bar.typicalPrice(high, low, close) : finite(F_VW, "vw");
        if (problem == null && end - start != ONE_MINUTE_MILLIS) {
            fail("window s..e is not one minute");
        }
        if (symbol == null || problem != null) {
            malformedEvent(listener, symbol);
            return;
        }
        events++;
        listener.onEvent(new Bar(symbol, Timeframe.M1, start, end, open, high, low, close, volume, vwap, 0L, source));
    }

    private String stockSymbol() {
        if (sym == null) {
            fail(symInvalid ? "sym is not a symbol" : "missing sym");
        }
        return sym;
    }

    private String cryptoSymbol() {
        if (pair == null) {
            fail(pairInvalid ? "pair is not a symbol" : "missing pair");
        }
        return pair;
    }

    private String tradeId() {
        switch (kind[F_I]) {
            case ABSENT:
                return null;
            case TEXT:
                if (tradeIdText.isEmpty()) {
                    fail("empty i");
                }
                return tradeIdText;
            case INTEGER:
                return Long.toString(integers[F_I]);
            default:
                fail("i is neither a string nor an integer");
                return null;
        }
    }

    private double finite(int slot, String name) {
        if (kind[slot] == ABSENT) {
            fail("missing " + name);
            return 0;
        }
        return optionalFinite(slot, name);
    }

    private double optionalFinite(int slot, String name) {
        byte k = kind[slot];
        if (k == ABSENT) {
            return 0;
        }
        if ((k != INTEGER && k != DECIMAL) || !Double.isFinite(decimals[slot])) {
            fail(name + " is not a finite number");
            return 0;
        }
        return decimals[slot];
    }

    private long integer(int slot, String name) {
        if (kind[slot] != INTEGER) {
            fail(kind[slot] == ABSENT ? "missing " + name : name + " is not an integer");
            return 0;
        }
        return integers[slot];
    }

    private long optionalCount(int slot, String name, long absent) {
        if (kind[slot] == ABSENT) {
            return absent;
        }
        if (kind[slot] != INTEGER || integers[slot] < 0) {
            fail(name + " is not a non-negative integer");
            return absent;
        }
        return integers[slot];
    }

    private void fail(String reason) {
        if (problem == null) {
            problem = reason;
        }
    }

    private void malformedEvent(Listener listener, String symbol) {
        malformed(listener, ev.name() + " event" + (symbol == null ? "" : " for " + symbol) + ": " + problem);
    }

    private void malformed(Listener listener, String reason) {
        malformed++;
        listener.onMalformed(reason);
    }

    private void reportInvalidJson(IOException e, Listener listener) {
        String detail = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage()
                : e.getMessage();
        malformed(listener, "invalid JSON: " + detail);
    }
}
