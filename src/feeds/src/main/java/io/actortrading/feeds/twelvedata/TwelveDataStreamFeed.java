package io.actortrading.feeds.twelvedata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.actortrading.feeds.live.FeedEnvironment;
import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.StreamDialect;
import io.actortrading.feeds.live.StreamError;
import io.actortrading.feeds.live.StreamFeed;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.symbols.DataSource;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Twelve Data's price WebSocket, connection {@code twelvedata} to
 * {@code {ws-url}/v1/quotes/price?apikey=KEY}. The key travels in the URL, so the socket takes
 * subscriptions as soon as it is open; the first {@code subscribe-status} shows the key was accepted.
 * Symbols Twelve Data lists under {@code fails} are counted and shown and not asked for again; price
 * events become ticks; a {@code {"action":"heartbeat"}} goes out every {@code heartbeat}. An error body
 * (without {@code event}) about the key or the plan is fatal, one about too many connections waits the
 * longest backoff, any other is counted and logged. Every text that leaves this class has the key
 * replaced by {@code ***}.
 */
public final class TwelveDataStreamFeed implements StreamDialect {

    public static final String CONNECTION = TwelveDataCodec.SOURCE;
    private static final String KEY_VARIABLE = "TWELVEDATA_API_KEY";
    private static final String PRICE_PATH = "/v1/quotes/price?apikey=";
    private static final String REDACTED = "***";
    private static final Pattern KEY_PARAMETER = Pattern.compile("(?i)(apikey=)[^&\\s\"']*");
    /** Error codes and words that say the key or the plan was refused. */
    private static final Pattern REFUSAL = Pattern.compile("^(401|403)\\b|apikey|api key|plan");
    private static final Pattern TOO_MANY_CONNECTIONS = Pattern.compile("^429\\b|connection");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String apiKey;
    private final SymbolMapping symbols;

    TwelveDataStreamFeed(FeedEnvironment env) {
        this.apiKey = env.settings().apiKey();
        this.url = env.settings().wsUrl() + PRICE_PATH + URLEncoder.encode(apiKey, StandardCharsets.UTF_8);
        this.symbols = env.symbols();
    }

    public static Behavior<StreamFeed.Command> create(FeedEnvironment env) {
        return StreamFeed.create(env, new TwelveDataStreamFeed(env));
    }

    public static SourceHandle handle(ActorRef<StreamFeed.Command> feed) {
        return StreamFeed.handle(feed, TwelveDataCodec.SOURCE, CONNECTION);
    }

    @Override
    public String provider() {
        return TwelveDataCodec.SOURCE;
    }

    @Override
    public String connection() {
        return CONNECTION;
    }

    @Override
    public boolean serves(String canonicalSymbol) {
        return true;
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
        String withoutParameter = KEY_PARAMETER.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
        return apiKey.isEmpty() ? withoutParameter : withoutParameter.replace(apiKey, REDACTED);
    }

    @Override
    public FrameDecoder decoder(Consumer<MarketEvent> events, Consumer<Signal> signals) {
        TwelveDataWsCodec codec = new TwelveDataWsCodec(symbols);
        TwelveDataWsCodec.Listener listener = new TwelveDataWsCodec.Listener() {
            @Override
            public void onPrice(Tick tick) {
                events.accept(tick);
            }

            @Override
            public void onSubscribeStatus(String status, List<String> successSymbols, List<String> failedSymbols) {
                signals.accept(new Signal.Authenticated());
                if (!failedSymbols.isEmpty()) {
                    signals.accept(new Signal.SubscriptionRefused(failedSymbols, "subscribe-status " + status));
                }
            }

            @Override
            public void onHeartbeat() {
                // the frame itself shows the connection is alive; nothing else to do
            }

            @Override
            public void onError(String message) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (REFUSAL.matcher(lower).find()) {
                    signals.accept(new Signal.Refused(message));
                } else if (TOO_MANY_CONNECTIONS.matcher(lower).find()) {
                    signals.accept(new Signal.Overloaded(message));
                } else {
                    signals.accept(new Signal.Problem(StreamError.PROVIDER_ERROR, message));
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
    public boolean subscribesOnOpen() {
        return true;
    }

    @Override
    public String subscribe(List<String> canonicalSymbols) {
        return frame("subscribe", canonicalSymbols);
    }

    @Override
    public String unsubscribe(List<String> canonicalSymbols) {
        return frame("unsubscribe", canonicalSymbols);
    }

    @Override
    public Optional<String> heartbeat() {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("action", "heartbeat");
        return Optional.of(frame.toString());
    }

    /** {@code {"action":"subscribe","params":{"symbols":"AAPL,BTC/USD"}}}. */
    private String frame(String action, List<String> canonicalSymbols) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("action", action);
        frame.putObject("params").put("symbols", canonicalSymbols.stream()
                .map(symbol -> symbols.toProvider(symbol, DataSource.TWELVEDATA))
                .collect(Collectors.joining(",")));
        return frame.toString();
    }
}
