package io.actortrading.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * One connection to Polygon's WebSocket, {@code /stocks} or {@code /crypto}: the {@code connected}
 * greeting, {@code auth} (the only key accepted is the configured one; {@code auth_failed} closes),
 * {@code subscribe}/{@code unsubscribe} of comma-separated {@code CHANNEL.TICKER} params ({@code *} for
 * every symbol of {@link FakeSettings#symbols()} of the cluster's asset class). Once authenticated, each
 * tick sends one JSON array with, in time order, a trade ({@code T}/{@code XT}) and a quote
 * ({@code Q}/{@code XQ}) per tape trade and a minute aggregate ({@code AM}/{@code XA}) per minute
 * whose end has passed, for the subscribed channels only.
 */
final class PolygonStream implements StreamSession {

    /** The market of a Polygon socket and its channels for trades, quotes and minute aggregates. */
    enum Cluster {
        STOCKS("/stocks", "T", "Q", "AM", AssetClass.US_EQUITY),
        CRYPTO("/crypto", "XT", "XQ", "XA", AssetClass.CRYPTO);

        private final String path;
        private final String trades;
        private final String quotes;
        private final String minutes;
        private final AssetClass assetClass;

        Cluster(String path, String trades, String quotes, String minutes, AssetClass assetClass) {
            this.path = path;
            this.trades = trades;
            this.quotes = quotes;
            this.minutes = minutes;
            this.assetClass = assetClass;
        }

        static Optional<Cluster> fromPath(String path) {
            for (Cluster cluster : values()) {
                if (cluster.path.equals(path) || (cluster.path + "/").equals(path)) {
                    return Optional.of(cluster);
                }
            }
            return Optional.empty();
        }
    }

    private static final String WILDCARD = "*";
    /** Exchange ids as Polygon numbers them: 4 and 7 are NASDAQ venues, 1 Coinbase. */
    private static final int STOCK_EXCHANGE = 4;
    private static final int ASK_EXCHANGE = 7;
    private static final int CRYPTO_EXCHANGE = 1;
    /** Polygon's tape id for NASDAQ-listed stocks. */
    private static final int NASDAQ_TAPE = 3;
    /** Quotes sit this fraction of the price either side of the trade, at least one cent. */
    private static final double HALF_SPREAD = 0.0001;
    private static final double MIN_HALF_SPREAD = 0.01;
    private static final int MAX_QUOTE_LOTS = 10;
    /** How long after the trade a crypto exchange's report reaches Polygon ({@code r}). */
    private static final long RECEIVE_DELAY_MILLIS = 150;

    private final Cluster cluster;
    private final FakeSettings settings;
    private final FakeTape tape;
    private final FakeFaults faults;
    private final Random garbage;
    private final SymbolMapping symbols = SymbolMapping.standard();
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private boolean authenticated;
    private long sentUntil;

    PolygonStream(Cluster cluster, FakeSettings settings, FakeTape tape, FakeFaults faults, Random garbage) {
        this.cluster = cluster;
        this.settings = settings;
        this.tape = tape;
        this.faults = faults;
        this.garbage = garbage;
    }

    @Override
    public Frames opened(long marketNow) {
        return Frames.one(status("connected", "Connected Successfully"));
    }

    @Override
    public Frames onText(String text, long marketNow) {
        Optional<JsonNode> frame = WireJson.parse(text).filter(JsonNode::isObject);
        if (frame.isEmpty()) {
            return Frames.one(status("error", "invalid message: not a JSON object"));
        }
        String action = frame.get().path("action").asText("");
        String params = frame.get().path("params").asText("");
        return switch (action) {
            case "auth" -> auth(params, marketNow);
            case "subscribe" -> subscribe(params, true);
            case "unsubscribe" -> subscribe(params, false);
            default -> Frames.one(status("error", "unknown action: " + action));
        };
    }

    private Frames auth(String key, long marketNow) {
        if (faults.active(FakeFault.THROTTLE)) {
            return Frames.closing(status("max_connections", "Maximum number of connections exceeded."));
        }
        if (!key.equals(settings.polygonKey()) || faults.active(FakeFault.REFUSE_AUTH)) {
            return Frames.closing(status("auth_failed", "authentication failed"));
        }
        if (faults.active(FakeFault.NOT_ENTITLED)) {
            return Frames.closing(status("auth_failed",
                    "Your plan doesn't include websocket access. Visit https://polygon.io/pricing to upgrade."));
        }
        if (!authenticated) {
            authenticated = true;
            sentUntil = marketNow;
        }
        return Frames.one(status("auth_success", "authenticated"));
    }

    private Frames subscribe(String params, boolean subscribe) {
        if (!authenticated) {
            return Frames.one(status("auth_required", "authentication required"));
        }
        ArrayNode statuses = WireJson.array();
        for (String param : params.split(",")) {
            String channel = param.trim();
            if (channel.isEmpty()) {
                continue;
            }
            if (subscribe) {
                subscriptions.add(channel);
            } else {
                subscriptions.remove(channel);
            }
            statuses.add(statusEvent("success", (subscribe ? "subscribed to: " : "unsubscribed to: ") + channel));
        }
        return statuses.isEmpty() ? Frames.NONE : Frames.one(WireJson.write(statuses));
    }

    @Override
    public Frames onTick(long marketNow) {
        if (!authenticated || marketNow <= sentUntil) {
            return Frames.NONE;
        }
        long from = sentUntil;
        sentUntil = marketNow;
        if (faults.active(FakeFault.SILENCE)) {
            return Frames.NONE;
        }
        List<Timed> events = new ArrayList<>();
        for (String symbol : symbolsOf(cluster.trades)) {
            trades(symbol, from, marketNow, true, events);
        }
        for (String symbol : symbolsOf(cluster.quotes)) {
            trades(symbol, from, marketNow, false, events);
        }
        for (String symbol : symbolsOf(cluster.minutes)) {
            for (long end = FakeTape.minuteStart(from) + FakeTape.MINUTE_MILLIS; end <= marketNow; end += FakeTape.MINUTE_MILLIS) {
                events.add(new Timed(end, 0, minute(tape.minute(symbol, end - FakeTape.MINUTE_MILLIS))));
            }
        }
        if (events.isEmpty()) {
            return Frames.NONE;
        }
        events.sort(Comparator.comparingLong(Timed::time).thenComparingInt(Timed::rank));
        ArrayNode frame = WireJson.array();
        events.forEach(event -> frame.add(event.json()));
        String text = WireJson.write(frame);
        return Frames.one(faults.active(FakeFault.GARBAGE) ? GarbageText.instead(text, garbage) : text);
    }

    private void trades(String symbol, long from, long to, boolean trades, List<Timed> events) {
        for (long minute = FakeTape.minuteStart(from); minute < to; minute += FakeTape.MINUTE_MILLIS) {
            for (FakeTrade trade : tape.trades(symbol, minute)) {
                if (trade.time() >= from && trade.time() < to) {
                    events.add(trades ? new Timed(trade.time(), 1, trade(trade)) : new Timed(trade.time(), 2, quote(trade)));
                }
            }
        }
    }

    /** The canonical symbols subscribed on a channel, the wildcard expanded. */
    private Set<String> symbolsOf(String channel) {
        Set<String> result = new TreeSet<>();
        String prefix = channel + ".";
        for (String subscription : subscriptions) {
            if (!subscription.startsWith(prefix)) {
                continue;
            }
            String ticker = subscription.substring(prefix.length());
            if (ticker.equals(WILDCARD)) {
                settings.symbols().stream()
                        .filter(s -> Instrument.infer(s).assetClass() == cluster.assetClass)
                        .forEach(result::add);
            } else {
                symbols.fromProvider(DataSource.POLYGON_WS, ticker)
                        .filter(s -> Instrument.infer(s).assetClass() == cluster.assetClass)
                        .ifPresent(result::add);
            }
        }
        return result;
    }

    private ObjectNode trade(FakeTrade trade) {
        ObjectNode event = WireJson.object();
        event.put("ev", cluster.trades);
        if (cluster == Cluster.STOCKS) {
            event.put("sym", trade.symbol());
            event.put("x", STOCK_EXCHANGE);
            event.put("i", trade.id());
            event.put("z", NASDAQ_TAPE);
            event.put("p", WireJson.number(trade.price()));
            event.put("s", WireJson.number(trade.size()));
            event.put("t", trade.time());
            event.put("q", trade.sequence());
        } else {
            event.put("pair", trade.symbol());
            event.put("p", WireJson.number(trade.price()));
            event.put("t", trade.time());
            event.put("s", WireJson.number(trade.size()));
            event.put("i", trade.sequence());
            event.put("x", CRYPTO_EXCHANGE);
            event.put("r", trade.time() + RECEIVE_DELAY_MILLIS);
        }
        return event;
    }

    private ObjectNode quote(FakeTrade trade) {
        double halfSpread = Math.max(MIN_HALF_SPREAD, trade.price() * HALF_SPREAD);
        double bid = Math.max(FakeTape.round(trade.price() - halfSpread), 1 / Math.pow(10, FakeTape.PRICE_DECIMALS));
        double ask = FakeTape.round(trade.price() + halfSpread);
        long bidLots = 1 + trade.sequence() % MAX_QUOTE_LOTS;
        long askLots = 1 + (trade.sequence() / MAX_QUOTE_LOTS) % MAX_QUOTE_LOTS;
        ObjectNode event = WireJson.object();
        event.put("ev", cluster.quotes);
        if (cluster == Cluster.STOCKS) {
            event.put("sym", trade.symbol());
            event.put("bx", STOCK_EXCHANGE);
            event.put("bp", WireJson.number(bid));
            event.put("bs", bidLots);
            event.put("ax", ASK_EXCHANGE);
            event.put("ap", WireJson.number(ask));
            event.put("as", askLots);
            event.put("c", 0);
            event.put("t", trade.time());
            event.put("q", trade.sequence());
            event.put("z", NASDAQ_TAPE);
        } else {
            event.put("pair", trade.symbol());
            event.put("bp", WireJson.number(bid));
            event.put("bs", WireJson.number(trade.size()));
            event.put("ap", WireJson.number(ask));
            event.put("as", WireJson.number(trade.size()));
            event.put("t", trade.time());
            event.put("x", CRYPTO_EXCHANGE);
            event.put("r", trade.time() + RECEIVE_DELAY_MILLIS);
        }
        return event;
    }

    private ObjectNode minute(FakeMinute minute) {
        ObjectNode event = WireJson.object();
        event.put("ev", cluster.minutes);
        event.put(cluster == Cluster.STOCKS ? "sym" : "pair", minute.symbol());
        event.put("v", WireJson.number(minute.volume()));
        FakeMinute day = cluster == Cluster.STOCKS ? dayUntil(minute) : minute;
        if (cluster == Cluster.STOCKS) {
            event.put("av", WireJson.number(day.volume()));
            event.put("op", WireJson.number(day.open()));
        }
        event.put("vw", WireJson.number(minute.vwap()));
        event.put("o", WireJson.number(minute.open()));
        event.put("c", WireJson.number(minute.close()));
        event.put("h", WireJson.number(minute.high()));
        event.put("l", WireJson.number(minute.low()));
        if (cluster == Cluster.STOCKS) {
            event.put("a", WireJson.number(day.vwap()));
        }
        event.put("z", WireJson.number(FakeTape.round(minute.volume() / minute.trades())));
        event.put("s", minute.start());
        event.put("e", minute.end());
        return event;
    }

    /** The exchange-local day up to the end of the minute, for the day totals a stock aggregate carries. */
    private FakeMinute dayUntil(FakeMinute minute) {
        Listing listing = Listing.of(minute.symbol());
        long dayStart = Instant.ofEpochMilli(minute.start()).atZone(listing.zone()).toLocalDate()
                .atStartOfDay(listing.zone()).toInstant().toEpochMilli();
        return tape.aggregate(minute.symbol(), dayStart, minute.end()).orElse(minute);
    }

    private static String status(String status, String message) {
        ArrayNode frame = WireJson.array();
        frame.add(statusEvent(status, message));
        return WireJson.write(frame);
    }

    private static ObjectNode statusEvent(String status, String message) {
        ObjectNode event = WireJson.object();
        event.put("ev", "status");
        event.put("status", status);
        event.put("message", message);
        return event;
    }

    /** An event with the market time it is sent at; rank orders a minute before the trades at its end. */
    private record Timed(long time, int rank, ObjectNode json) {
    }
}
