package io.actortrading.node.feed;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.actortrading.feeds.alphavantage.AlphaVantageIntraday;
import io.actortrading.feeds.live.MinuteHistory;
import io.actortrading.feeds.live.ProviderGate;
import io.actortrading.feeds.live.ProviderSettings;
import io.actortrading.feeds.polygon.PolygonAggregates;
import io.actortrading.feeds.ratelimit.RequestBudgets;
import io.actortrading.feeds.twelvedata.TwelveDataTimeSeries;
import io.actortrading.feeds.yahoo.YahooChartHistory;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The live providers enabled on this node, each with its one gate (circuit breaker and request
 * budget) and its REST history, shared by the live feeds, gap backfill and warm-up so that they all
 * stop together when a provider's breaker opens and all spend one budget.
 */
public final class LiveSources {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSources.class);
    public static final String POLYGON = "polygon";
    public static final String YAHOO = "yahoo";
    public static final String ALPHAVANTAGE = "alphavantage";
    public static final String TWELVEDATA = "twelvedata";
    private static final String WEBSOCKET = "websocket";
    private static final String PROVIDERS_PATH = "actortrading.feeds.providers";
    private static final String DEFAULTS = "defaults";

    private final Map<String, ProviderSettings> enabled;
    private final Map<String, ProviderGate> gates;
    private final Map<String, MinuteHistory> histories;
    private final SymbolMapping symbols;
    private final LongSupplier marketNow;

    private LiveSources(Map<String, ProviderSettings> enabled, Map<String, ProviderGate> gates,
                        Map<String, MinuteHistory> histories, SymbolMapping symbols, LongSupplier marketNow) {
        this.enabled = enabled;
        this.gates = gates;
        this.histories = histories;
        this.symbols = symbols;
        this.marketNow = marketNow;
    }

    /** No live provider: replay, bench, tests of the symbol machinery. */
    public static LiveSources none() {
        return new LiveSources(Map.of(), Map.of(), Map.of(), SymbolMapping.standard(), () -> Long.MIN_VALUE);
    }

    /** @param providers {@code actortrading.feeds.providers} */
    public static LiveSources fromConfig(ActorSystem<?> system, Config providers, LongSupplier marketNow) {
        Map<String, ProviderSettings> enabled = new LinkedHashMap<>();
        for (String name : List.of(POLYGON, YAHOO, TWELVEDATA, ALPHAVANTAGE)) {
            ProviderSettings settings = ProviderSettings.fromConfig(name, effective(name, providers));
            if (settings.enabled()) {
                if (needsKey(name) && !settings.hasKey()) {
                    LOG.error("Provider {} is enabled but has no API key (set {}); it stays off",
                            name, name.toUpperCase(Locale.ROOT) + "_API_KEY");
                    continue;
                }
                LOG.info("Live provider {}", settings);
                enabled.put(name, settings);
            }
        }
        RequestBudgets budgets = new RequestBudgets();
        SymbolMapping symbols = SymbolMapping.standard();
        Map<String, ProviderGate> gates = new LinkedHashMap<>();
        Map<String, MinuteHistory> histories = new LinkedHashMap<>();
        enabled.forEach((name, settings) -> {
            ProviderGate gate = ProviderGate.create(system, settings, budgets);
            gates.put(name, gate);
            histories.put(name, history(system, name, gate, symbols, marketNow));
        });
        return new LiveSources(Map.copyOf(enabled), gates, histories, symbols, marketNow);
    }

    /**
     * A provider's block with the operator's changes to {@code defaults} applied. reference.conf builds
     * each provider from {@code defaults} but is resolved before the node's own configuration is
     * merged, so without this a changed default would silently reach no provider. A changed default
     * applies to every provider whose own value for that key the operator left alone.
     */
    static Config effective(String name, Config providers) {
        Config reference = ConfigFactory.defaultReference().getConfig(PROVIDERS_PATH);
        Config referenceDefaults = reference.getConfig(DEFAULTS);
        Config referenceProvider = reference.hasPath(name) ? reference.getConfig(name) : ConfigFactory.empty();
        Config provider = providers.getConfig(name);
        for (Map.Entry<String, ConfigValue> entry : providers.getConfig(DEFAULTS).entrySet()) {
            String key = entry.getKey();
            boolean defaultChanged = !referenceDefaults.hasPath(key)
                    || !referenceDefaults.getValue(key).unwrapped().equals(entry.getValue().unwrapped());
            boolean providerLeftAlone = !provider.hasPath(key) || referenceProvider.hasPath(key)
                    && referenceProvider.getValue(key).unwrapped().equals(provider.getValue(key).unwrapped());
            if (defaultChanged && providerLeftAlone) {
                provider = provider.withValue(key, entry.getValue());
            }
        }
        return provider;
    }

    private static boolean needsKey(String provider) {
        return !provider.equals(YAHOO);
    }

    private static MinuteHistory history(ActorSystem<?> system, String name, ProviderGate gate, SymbolMapping symbols,
                                         LongSupplier marketNow) {
        return switch (name) {
            case POLYGON -> new PolygonAggregates(system, gate, symbols, marketNow);
            case YAHOO -> new YahooChartHistory(system, gate, symbols, marketNow);
            case TWELVEDATA -> new TwelveDataTimeSeries(system, gate, symbols, marketNow);
            case ALPHAVANTAGE -> new AlphaVantageIntraday(system, gate, symbols, marketNow);
            default -> throw new IllegalArgumentException("unknown provider " + name);
        };
    }

    public boolean any() {
        return !enabled.isEmpty();
    }

    public Map<String, ProviderSettings> enabled() {
        return enabled;
    }

    public ProviderGate gate(String provider) {
        return gates.get(provider);
    }

    public MinuteHistory history(String provider) {
        return histories.get(provider);
    }

    public SymbolMapping symbols() {
        return symbols;
    }

    public LongSupplier marketNow() {
        return marketNow;
    }

    /** Whether a provider streams (WebSocket) rather than being polled. */
    public boolean streams(String provider) {
        ProviderSettings settings = enabled.get(provider);
        return settings != null && WEBSOCKET.equals(settings.mode())
                && (provider.equals(POLYGON) || provider.equals(TWELVEDATA));
    }

    /** The histories to ask for a backfill, in the configured order, enabled ones only. */
    public List<MinuteHistory> backfillOrder(List<String> order) {
        List<MinuteHistory> histories = new ArrayList<>();
        for (String provider : order) {
            MinuteHistory history = this.histories.get(provider);
            if (history != null) {
                histories.add(history);
            }
        }
        return histories;
    }

    /** @param sources {@code actortrading.feeds.sources} */
    public SourceFailover.Settings failoverSettings(Config sources) {
        if (!any()) {
            return SourceFailover.Settings.none();
        }
        Map<String, Duration> staleAfter = new LinkedHashMap<>();
        Set<String> streaming = new HashSet<>();
        enabled.forEach((name, settings) -> {
            staleAfter.put(name, settings.staleAfter());
            if (streams(name)) {
                streaming.add(name);
            }
        });
        return SourceFailover.Settings.fromConfig(sources, staleAfter, streaming);
    }
}
