package io.actortrading.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * One connection to Twelve Data's price WebSocket, {@code /v1/quotes/price?apikey=KEY}. A wrong key is
 * refused with an error frame without {@code event}, then the connection closes. {@code subscribe}
 * answers {@code subscribe-status} (symbols nothing maps in {@code fails}), {@code unsubscribe}
 * {@code unsubscribe-status}, {@code heartbeat} a heartbeat; each tape trade of a subscribed symbol is
 * sent as one {@code price} frame with its time in epoch seconds.
 */
final class TwelveDataStream implements StreamSession {

    static final String PATH = "/v1/quotes/price";
    private static final long MILLIS_PER_SECOND = 1_000L;

    private final String key;
    private final FakeSettings settings;
    private final FakeTape tape;
    private final FakeFaults faults;
    private final Random garbage;
    private final SymbolMapping symbols = SymbolMapping.standard();
    /** Canonical symbol by the spelling it was subscribed with, which price events repeat. */
    private final Map<String, String> subscribed = new TreeMap<>();
    private long sentUntil;

    TwelveDataStream(String key, FakeSettings settings, FakeTape tape, FakeFaults faults, Random garbage) {
        this.key = key;
        this.settings = settings;
        this.tape = tape;
        this.faults = faults;
        this.garbage = garbage;
    }

    @Override
    public Frames opened(long marketNow) {
        sentUntil = marketNow;
        if (faults.active(FakeFault.THROTTLE)) {
            return Frames.closing(error(Reply.TOO_MANY_REQUESTS,
                    "You have reached the maximum number of WebSocket connections for your API key."));
        }
        if (!key.equals(settings.twelveDataKey()) || faults.active(FakeFault.REFUSE_AUTH)) {
            return Frames.closing(error(Reply.UNAUTHORIZED, "**apikey** parameter is incorrect or not specified."));
        }
        return Frames.NONE;
    }

    @Override
    public Frames onText(String text, long marketNow) {
        Optional<JsonNode> frame = WireJson.parse(text).filter(JsonNode::isObject);
        String action = frame.map(f -> f.path("action").asText("")).orElse("");
        return switch (action) {
            case "subscribe" -> Frames.one(subscribe(frame.get().path("params").path("symbols")));
            case "unsubscribe" -> Frames.one(unsubscribe(frame.get().path("params").path("symbols")));
            case "heartbeat" -> {
                ObjectNode heartbeat = WireJson.object();
                heartbeat.put("event", "heartbeat");
                heartbeat.put("status", "ok");
                yield Frames.one(WireJson.write(heartbeat));
            }
            default -> Frames.one(error(Reply.BAD_REQUEST, "Unrecognized action: '" + action + "'."));
        };
    }

    private String subscribe(JsonNode requested) {
        ArrayNode success = WireJson.array();
        ArrayNode fails = WireJson.array();
        for (String spelling : spellings(requested)) {
            Optional<String> symbol = symbols.fromProvider(DataSource.TWELVEDATA, spelling);
            if (symbol.isEmpty() || faults.active(FakeFault.NOT_ENTITLED)) {
                fails.addObject().put("symbol", spelling);
                continue;
            }
            subscribed.put(spelling, symbol.get());
            Listing listing = Listing.of(symbol.get());
            ObjectNode entry = success.addObject();
            entry.put("symbol", spelling);
            entry.put("exchange", listing.exchange());
            if (listing.micCode() != null) {
                entry.put("mic_code", listing.micCode());
            }
            entry.put("type", listing.twelveDataType());
        }
        return status("subscribe-status", success, fails);
    }

    private String unsubscribe(JsonNode requested) {
        ArrayNode success = WireJson.array();
        ArrayNode fails = WireJson.array();
        for (String spelling : spellings(requested)) {
            (subscribed.remove(spelling) != null ? success : fails).addObject().put("symbol", spelling);
        }
        return status("unsubscribe-status", success, fails);
    }

    /** Symbols as a comma-separated string or an array of strings or {@code {"symbol":...}} objects. */
    private static List<String> spellings(JsonNode requested) {
        List<String> spellings = new ArrayList<>();
        if (requested.isTextual()) {
            for (String spelling : requested.asText().split(",")) {
                if (!spelling.isBlank()) {
                    spellings.add(spelling.trim());
                }
            }
        } else if (requested.isArray()) {
            for (JsonNode entry : requested) {
                String spelling = entry.isObject() ? entry.path("symbol").asText("") : entry.asText("");
                if (!spelling.isBlank()) {
                    spellings.add(spelling.trim());
                }
            }
        }
        return spellings;
    }

    @Override
    public Frames onTick(long marketNow) {
        if (marketNow <= sentUntil) {
            return Frames.NONE;
        }
        long from = sentUntil;
        sentUntil = marketNow;
        if (faults.active(FakeFault.SILENCE) || subscribed.isEmpty()) {
            return Frames.NONE;
        }
        List<Priced> prices = new ArrayList<>();
        subscribed.forEach((spelling, symbol) -> {
            for (long minute = FakeTape.minuteStart(from); minute < marketNow; minute += FakeTape.MINUTE_MILLIS) {
                for (FakeTrade trade : tape.trades(symbol, minute)) {
                    if (trade.time() >= from && trade.time() < marketNow) {
                        prices.add(new Priced(spelling, trade));
                    }
                }
            }
        });
        prices.sort(Comparator.comparingLong(p -> p.trade().time()));
        List<String> frames = new ArrayList<>(prices.size());
        for (Priced price : prices) {
            String text = WireJson.write(price(price.spelling(), price.trade()));
            frames.add(faults.active(FakeFault.GARBAGE) ? GarbageText.instead(text, garbage) : text);
        }
        return Frames.of(frames);
    }

    private static ObjectNode price(String spelling, FakeTrade trade) {
        Listing listing = Listing.of(trade.symbol());
        ObjectNode event = WireJson.object();
        event.put("event", "price");
        event.put("symbol", spelling);
        TwelveDataTimeSeries.describe(event, listing);
        event.put("timestamp", trade.time() / MILLIS_PER_SECOND);
        event.put("price", WireJson.number(trade.price()));
        return event;
    }

    private static String status(String event, ArrayNode success, ArrayNode fails) {
        ObjectNode status = WireJson.object();
        status.put("event", event);
        status.put("status", "ok");
        status.set("success", success);
        if (fails.isEmpty()) {
            status.putNull("fails");
        } else {
            status.set("fails", fails);
        }
        return WireJson.write(status);
    }

    private static String error(int code, String message) {
        ObjectNode error = WireJson.object();
        error.put("status", "error");
        error.put("code", code);
        error.put("message", message);
        return WireJson.write(error);
    }

    private record Priced(String spelling, FakeTrade trade) {
    }
}
