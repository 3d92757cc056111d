package io.actortrading.feeds.polygon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.feeds.live.FeedEnvironment;
import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.StreamDialect;
import io.actortrading.feeds.live.StreamError;
import io.actortrading.feeds.live.StreamFeed;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Polygon's (Massive's) WebSocket for one market cluster, {@code stocks} or {@code crypto}: connection
 * {@code polygon-stocks} or {@code polygon-crypto} to {@code {ws-url}/{market}} (the delayed URL when
 * {@code realtime = false}). The server greets with {@code connected}; the client answers with the auth
 * frame; after {@code auth_success} it subscribes trades and minute aggregates of every symbol
 * ({@code T.AAPL,AM.AAPL} or {@code XT.BTC-USD,XA.BTC-USD}). {@code auth_failed} is fatal,
 * {@code max_connections} waits the longest backoff, {@code force_disconnect} and
 * {@code auth_timeout} reconnect, {@code slow_consumer} and {@code error} are counted and logged.
 * The key travels in the auth frame only.
 */
public final class PolygonStreamFeed implements StreamDialect {

    public static final String PROVIDER = "polygon";
    public static final String STOCKS = "stocks";
    public static final String CRYPTO = "crypto";
    private static final String KEY_VARIABLE = "POLYGON_API_KEY";
    private static final String REDACTED = "***";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String market;
    private final String url;
    private final String apiKey;
    private final SymbolMapping symbols;
    private final AssetClass assetClass;
    private final List<String> channels;

    private PolygonStreamFeed(FeedEnvironment env, String market) {
        this.market = market;
        this.url = env.settings().streamUrl() + "/" + market;
        this.apiKey = env.settings().apiKey();
        this.symbols = env.symbols();
        switch (market) {
            case STOCKS -> {
                assetClass = AssetClass.US_EQUITY;
                channels = List.of("T", "AM");
            }
            case CRYPTO -> {
                assetClass = AssetClass.CRYPTO;
                channels = List.of("XT", "XA");
            }
            default -> throw new IllegalArgumentException("Polygon market '" + market + "' is not supported: "
                    + STOCKS + " or " + CRYPTO);
        }
    }

    /**
     * The feed of one market cluster.
     *
     * @throws IllegalArgumentException for a market other than {@code stocks} and {@code crypto}
     */
    public static Behavior<StreamFeed.Command> create(FeedEnvironment env, String market) {
        return StreamFeed.create(env, new PolygonStreamFeed(env, market));
    }

    public static SourceHandle handle(ActorRef<StreamFeed.Command> feed, String market) {
        return StreamFeed.handle(feed, PROVIDER, connectionName(market));
    }

    /** {@code polygon-stocks}, {@code polygon-crypto}. */
    public static String connectionName(String market) {
        return PROVIDER + "-" + market;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String connection() {
        return connectionName(market);
    }

    @Override
    public boolean serves(String canonicalSymbol) {
        return Instrument.infer(canonicalSymbol).assetClass() == assetClass;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String keyVariable() {
        return KEY_VARIABLE;
    }

    @Override
    public String redact(String text) {
        return apiKey.isEmpty() ? text : text.replace(apiKey, REDACTED);
    }

    @Override
    public FrameDecoder decoder(Consumer<MarketEvent> events, Consumer<Signal> signals) {
        PolygonWsCodec codec = new PolygonWsCodec(PROVIDER);
        PolygonWsCodec.Listener listener = new PolygonWsCodec.Listener() {

            /** Later {@code success} statuses acknowledge subscriptions; only the first can be the greeting. */
            private boolean greeted;

            @Override
            public void onEvent(MarketEvent event) {
                events.accept(event);
            }

            @Override
            public void onStatus(String status, String message) {
                if (!greeted && ("connected".equals(status) || "success".equals(status))) {
                    greeted = true;
                    signals.accept(new Signal.Greeted());
                    return;
                }
                switch (status) {
                    case "auth_success" -> signals.accept(new Signal.Authenticated());
                    case "auth_failed" -> signals.accept(new Signal.Refused("auth_failed: " + message));
                    case "max_connections" -> signals.accept(new Signal.Overloaded(message));
                    case "force_disconnect" ->
                            signals.accept(new Signal.Disconnect(StreamError.FORCE_DISCONNECT, message));
                    case "auth_timeout" -> signals.accept(new Signal.Disconnect(StreamError.AUTH_TIMEOUT, message));
                    case "slow_consumer" -> signals.accept(new Signal.Problem(StreamError.SLOW_CONSUMER, message));
                    case "success" -> { }
                    default -> signals.accept(new Signal.Problem(StreamError.PROVIDER_ERROR, status + ": " + message));
                }
            }

            @Override
            public void onMalformed(String reason) {
                signals.accept(new Signal.Malformed(reason));
            }
        };
        return frame -> codec.decode(frame, listener);
    }

    @Override
    public Optional<String> greetingReply() {
        return Optional.of(frame("auth", apiKey));
    }

    @Override
    public String subscribe(List<String> canonicalSymbols) {
        return frame("subscribe", params(canonicalSymbols));
    }

    @Override
    public String unsubscribe(List<String> canonicalSymbols) {
        return frame("unsubscribe", params(canonicalSymbols));
    }

    /** {@code T.AAPL,AM.AAPL,T.MSFT,AM.MSFT}: every channel of every symbol, in Polygon's spelling. */
    private String params(List<String> canonicalSymbols) {
        return canonicalSymbols.stream()
                .map(symbol -> symbols.toProvider(symbol, DataSource.POLYGON_WS))
                .flatMap(ticker -> channels.stream().map(channel -> channel + "." + ticker))
                .collect(Collectors.joining(","));
    }

    private static String frame(String action, String params) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("action", action);
        frame.put("params", params);
        return frame.toString();
    }
}
