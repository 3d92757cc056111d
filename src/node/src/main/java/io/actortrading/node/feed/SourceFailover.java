package io.actortrading.node.feed;

import com.typesafe.config.Config;
import io.actortrading.feeds.live.BreakerState;
import io.actortrading.feeds.live.ConnectionState;
import io.actortrading.feeds.live.SourceHandle;
import io.actortrading.feeds.live.SourceHealth;
import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.node.symbol.SourceChoice;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The router's choice of live source per symbol. Each symbol has its providers in order of
 * preference; the first one that is usable is active, and only its events build the symbol's
 * candles. A provider is unusable for a symbol while its connection reports a broken state or an
 * open breaker, or while it has sent nothing for that symbol for its stale window during the
 * symbol's session. The choice falls back down the list and comes back up as soon as a preferred
 * provider delivers for the symbol again.
 *
 * <p>Which feed serves which symbol follows from the choice: a streaming provider is subscribed to
 * every symbol that lists it (a subscription is free and keeps it ready, and its data feeds the
 * cross-source check); a polled provider polls a symbol only while it is active or preferred to the
 * active one (so it can be seen to recover), because polling spends a small request budget.
 *
 * <p>Not thread-safe: owned by the router actor.
 */
public final class SourceFailover {

    /**
     * @param order      default provider order, already reduced to the enabled providers
     * @param perSymbol  orders configured for single symbols, likewise reduced
     * @param staleAfter each enabled provider's stale window
     * @param streaming  the enabled providers that stream (subscribed to every symbol that lists them)
     */
    public record Settings(List<String> order, Map<String, List<String>> perSymbol, Map<String, Duration> staleAfter,
                    Set<String> streaming, Duration checkInterval, Duration reassignInterval) {

        static Settings fromConfig(Config sources, Map<String, Duration> staleAfter, Set<String> streaming) {
            Map<String, List<String>> perSymbol = new HashMap<>();
            Config configured = sources.getConfig("per-symbol");
            for (String key : configured.root().keySet()) {
                perSymbol.put(key.toUpperCase(Locale.ROOT),
                        enabledOnly(configured.getStringList("\"" + key + "\""), staleAfter));
            }
            return new Settings(enabledOnly(sources.getStringList("order"), staleAfter), perSymbol,
                    Map.copyOf(staleAfter), Set.copyOf(streaming), sources.getDuration("check-interval"),
                    sources.getDuration("reassign-interval"));
        }

        private static List<String> enabledOnly(List<String> providers, Map<String, Duration> enabled) {
            return providers.stream().filter(enabled::containsKey).distinct().toList();
        }

        /** No live provider is enabled: every event is applied as it comes (demo, replay, bench). */
        public static Settings none() {
            return new Settings(List.of(), Map.of(), Map.of(), Set.of(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        /** The enabled providers among those a symbol was registered with, else the configured order. */
        List<String> orderFor(String symbol, List<String> registeredSources) {
            List<String> registered = registeredSources == null ? List.of() : enabledOnly(registeredSources, staleAfter);
            return registered.isEmpty() ? perSymbol.getOrDefault(symbol, order) : registered;
        }
    }

    /** A change of active source, for the log and the counters. */
    record Switch(String symbol, String from, String to, String reason) {
    }

    private static final long NEVER = Long.MIN_VALUE / 2;

    private final Settings settings;
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, SourceHandle> handles = new TreeMap<>();
    private final Map<String, SourceHealth> health = new HashMap<>();
    private long switches;

    SourceFailover(Settings settings) {
        this.settings = settings;
    }

    boolean enabled() {
        return !settings.staleAfter().isEmpty();
    }

    Settings settings() {
        return settings;
    }

    long switches() {
        return switches;
    }

    /** The current choice for a symbol; {@link SourceChoice#ANY} when it has no live source. */
    SourceChoice choice(String symbol) {
        Route route = routes.get(symbol);
        return route == null ? SourceChoice.ANY : route.choice;
    }

    /** Data from {@code provider} for {@code symbol} arrived: the provider is fresh for it. */
    void seen(String symbol, String provider, long nowNanos) {
        Route route = routes.get(symbol);
        if (route != null) {
            route.seen(provider, nowNanos);
        }
    }

    /**
     * The registered symbols changed; returns true when the assignments changed with them.
     *
     * @param registered each registered symbol with the sources it was registered with, in order: the
     *                   enabled live providers among them are its order, else the configured one
     */
    boolean symbols(Map<String, List<String>> registered, long nowNanos) {
        if (!enabled()) {
            return false;
        }
        boolean changed = routes.keySet().retainAll(registered.keySet());
        for (Map.Entry<String, List<String>> entry : registered.entrySet()) {
            String symbol = entry.getKey();
            List<String> order = settings.orderFor(symbol, entry.getValue());
            Route existing = routes.get(symbol);
            if (existing != null && existing.choice.order().equals(order)) {
                continue;
            }
            routes.remove(symbol);
            changed |= existing != null;
            if (!order.isEmpty()) {
                Route route = new Route(symbol, order, nowNanos);
                routes.put(symbol, route);
                route.assign(this, nowNanos);
                changed = true;
            }
        }
        return changed;
    }

    void connections(List<SourceHandle> started) {
        started.forEach(handle -> handles.put(handle.connection(), handle));
    }

    Map<String, SourceHandle> handles() {
        return handles;
    }

    void health(SourceHealth changed) {
        health.put(changed.connection(), changed);
    }

    /**
     * Re-judges every symbol's sources at {@code nowNanos} (wall) and {@code marketNowMillis} (market
     * time, for the sessions); returns the switches made.
     */
    List<Switch> evaluate(long nowNanos, long marketNowMillis) {
        List<Switch> made = new ArrayList<>();
        Instant marketNow = Instant.ofEpochMilli(marketNowMillis);
        for (Route route : routes.values()) {
            ZonedDateTime local = marketNow.atZone(route.instrument.zone());
            boolean inSession = route.instrument.session().isOpen(local.getDayOfWeek(), local.toLocalTime());
            Switch change = route.evaluate(this, nowNanos, inSession);
            if (change != null) {
                made.add(change);
                switches++;
            }
        }
        return made;
    }

    /** For each connection, the symbols it should serve now. */
    Map<String, Set<String>> assignments() {
        Map<String, Set<String>> assigned = new TreeMap<>();
        handles.keySet().forEach(connection -> assigned.put(connection, new TreeSet<>()));
        for (Route route : routes.values()) {
            for (int i = 0; i < route.order.length; i++) {
                if (route.assigned[i]) {
                    SourceHandle handle = connectionFor(route.order[i], route.instrument);
                    if (handle != null) {
                        assigned.get(handle.connection()).add(route.symbol);
                    }
                }
            }
        }
        return assigned;
    }

    /** What {@code atctl symbols show} and the router's stats say about one symbol's sources. */
    Map<String, Object> describe(String symbol, long nowNanos) {
        Route route = routes.get(symbol);
        Map<String, Object> out = new LinkedHashMap<>();
        if (route == null) {
            return out;
        }
        out.put("active", route.choice.active());
        out.put("order", route.choice.order());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < route.order.length; i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("provider", route.order[i]);
            one.put("assigned", route.assigned[i]);
            one.put("lastDataAgeMillis", route.lastSeen[i] == NEVER ? null
                    : Duration.ofNanos(nowNanos - route.lastSeen[i]).toMillis());
            one.put("unusable", route.unusableReason(this, i, nowNanos, true));
            sources.add(one);
        }
        out.put("sources", sources);
        out.put("lastSwitch", route.lastSwitch);
        return out;
    }

    /**
     * The feed serving {@code provider}'s data for an instrument. A provider with several connections
     * names them by market: {@code polygon-crypto} serves crypto, {@code polygon-stocks} the rest.
     */
    private SourceHandle connectionFor(String provider, Instrument instrument) {
        SourceHandle only = null;
        int count = 0;
        for (SourceHandle handle : handles.values()) {
            if (!handle.provider().equals(provider)) {
                continue;
            }
            count++;
            only = handle;
            boolean crypto = handle.connection().endsWith("-crypto");
            boolean stocks = handle.connection().endsWith("-stocks");
            if (crypto && instrument.assetClass() == AssetClass.CRYPTO
                    || stocks && instrument.assetClass() != AssetClass.CRYPTO) {
                return handle;
            }
        }
        return count == 1 ? only : null;
    }

    /** One symbol's providers, what was last seen of each, and which is active. */
    private static final class Route {
        private final String symbol;
        private final Instrument instrument;
        private final String[] order;
        private final long[] lastSeen;
        /** Since when a provider has been asked for this symbol: its stale window runs from here. */
        private final long[] watchedSince;
        private final boolean[] assigned;
        private int active;
        private SourceChoice choice;
        private String lastSwitch = "";

        Route(String symbol, List<String> order, long nowNanos) {
            this.symbol = symbol;
            this.instrument = Instrument.infer(symbol);
            this.order = order.toArray(String[]::new);
            this.lastSeen = new long[this.order.length];
            this.watchedSince = new long[this.order.length];
            this.assigned = new boolean[this.order.length];
            Arrays.fill(lastSeen, NEVER);
            Arrays.fill(watchedSince, nowNanos);
            this.choice = new SourceChoice(this.order[0], order);
        }

        void seen(String provider, long nowNanos) {
            for (int i = 0; i < order.length; i++) {
                // Codecs stamp constant source names, so identity usually answers before equals is needed.
                if (order[i] == provider || order[i].equals(provider)) {
                    lastSeen[i] = nowNanos;
                    return;
                }
            }
        }

        Switch evaluate(SourceFailover failover, long nowNanos, boolean inSession) {
            int chosen = -1;
            for (int i = 0; i < order.length && chosen < 0; i++) {
                if (unusableReason(failover, i, nowNanos, inSession) == null) {
                    chosen = i;
                }
            }
            if (chosen < 0 || chosen == active) {
                return null;
            }
            String from = order[active];
            String reason = chosen > active
                    ? from + " " + unusableReason(failover, active, nowNanos, inSession)
                    : order[chosen] + " delivers again";
            active = chosen;
            choice = new SourceChoice(order[chosen], choice.order());
            assign(failover, nowNanos);
            lastSwitch = from + " -> " + order[chosen] + ": " + reason;
            return new Switch(symbol, from, order[chosen], reason);
        }

        /** Null when provider {@code i} can serve this symbol now, else why not. */
        String unusableReason(SourceFailover failover, int i, long nowNanos, boolean inSession) {
            SourceHandle handle = failover.connectionFor(order[i], instrument);
            if (handle == null) {
                return "has no running feed";
            }
            SourceHealth h = failover.health.get(handle.connection());
            if (h != null && !usable(h.state())) {
                return "is " + h.state() + (h.detail().isEmpty() ? "" : " (" + h.detail() + ")");
            }
            if (h != null && h.breaker() == BreakerState.OPEN) {
                return "has its circuit breaker open";
            }
            Duration stale = failover.settings.staleAfter().get(order[i]);
            long since = Math.max(lastSeen[i], watchedSince[i]);
            // A provider not yet asked for this symbol cannot be stale for it: asking it starts its window.
            if (inSession && assigned[i] && nowNanos - since > stale.toNanos()) {
                return "is stale (no data for " + Duration.ofNanos(nowNanos - since).toMillis() + " ms)";
            }
            return null;
        }

        private static boolean usable(ConnectionState state) {
            return state != ConnectionState.FAILED && state != ConnectionState.BREAKER_OPEN
                    && state != ConnectionState.BACKOFF && state != ConnectionState.STOPPED;
        }

        void assign(SourceFailover failover, long nowNanos) {
            for (int i = 0; i < order.length; i++) {
                boolean wanted = i <= active || failover.settings.streaming().contains(order[i]);
                if (wanted && !assigned[i]) {
                    watchedSince[i] = nowNanos;
                }
                assigned[i] = wanted;
            }
        }
    }
}
