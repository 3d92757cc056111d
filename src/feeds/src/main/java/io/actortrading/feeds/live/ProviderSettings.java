package io.actortrading.feeds.live;

import com.typesafe.config.Config;
import io.actortrading.feeds.ratelimit.Window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider's configuration ({@code actortrading.feeds.providers.<name>}, defaults in the feeds
 * module's reference.conf). The API key is kept out of {@link #toString()}: settings get logged.
 *
 * @param apiKey        empty when the provider needs none (Yahoo) or none is configured
 * @param restUrl       base URL of the REST API, without a trailing slash
 * @param wsUrl         base URL of the WebSocket API, without a trailing slash; empty if none
 * @param realtime      Polygon: the real-time feed; false selects {@code delayedWsUrl}
 * @param pollInterval  polled sources: time between two rounds over the subscribed symbols
 * @param staleAfter    no data for a symbol for this long during its session makes the source stale
 *                      for it (failover); for polled sources, unless configured, two poll intervals
 *                      but at least one minute plus one poll interval
 * @param rateLimits    the provider's limits for one API key, shared by every actor of the node
 * @param retry         how often and how patiently a throttled or failed request is retried
 * @param reconnect     WebSocket reconnect backoff (exponential with jitter)
 * @param fatalRetry    after the key or the plan is refused, the pause before trying again at all
 * @param idleTimeout   a WebSocket that delivers no frame at all for this long while symbols are
 *                      subscribed is treated as dropped and reconnected
 */
public record ProviderSettings(String name, boolean enabled, String apiKey, String restUrl, String wsUrl,
                               String delayedWsUrl, boolean realtime, String mode, List<String> markets,
                               Duration pollInterval, Duration staleAfter, Duration requestTimeout,
                               int maxResponseBytes, String userAgent, Duration heartbeat, List<Window> rateLimits,
                               Breaker breaker, Backoff retry, int maxAttempts, Backoff reconnect,
                               Duration fatalRetry, Duration idleTimeout) {

    /** Pekko CircuitBreaker parameters: opens after maxFailures in a row, half-opens after resetTimeout. */
    public record Breaker(int maxFailures, Duration callTimeout, Duration resetTimeout) {
    }

    /** Exponential backoff from min to max, each wait varied by up to randomFactor of itself. */
    public record Backoff(Duration min, Duration max, double randomFactor) {

        /** The wait before attempt {@code attempt} (1 = first retry), with jitter drawn from {@code unitRandom}. */
        public Duration delay(int attempt, double unitRandom) {
            double base = Math.min(max.toMillis(), min.toMillis() * Math.pow(2, Math.max(0, attempt - 1)));
            double jittered = base * (1.0 + randomFactor * (2.0 * unitRandom - 1.0));
            return Duration.ofMillis(Math.max(0L, Math.round(Math.min(max.toMillis(), jittered))));
        }
    }

    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    private static final String WEBSOCKET = "websocket";

    public static ProviderSettings fromConfig(String name, Config c) {
        Duration poll = c.getDuration("poll-interval");
        String mode = c.getString("mode");
        Duration stale = c.hasPath("stale-after") ? c.getDuration("stale-after")
                : WEBSOCKET.equals(mode) ? c.getDuration("streaming-stale-after") : polledStaleAfter(poll);
        return new ProviderSettings(name, c.getBoolean("enabled"), c.getString("api-key"),
                trimSlash(c.getString("rest-url")), trimSlash(c.getString("ws-url")),
                trimSlash(c.getString("delayed-ws-url")), c.getBoolean("realtime"), mode,
                List.copyOf(c.getStringList("markets")), poll, stale, c.getDuration("request-timeout"),
                (int) c.getBytes("max-response-size").longValue(), c.getString("user-agent"),
                c.getDuration("heartbeat"), windows(c.getConfigList("rate-limits")),
                new Breaker(c.getInt("breaker.max-failures"), c.getDuration("breaker.call-timeout"),
                        c.getDuration("breaker.reset-timeout")),
                backoff(c.getConfig("retry")), c.getInt("retry.max-attempts"), backoff(c.getConfig("reconnect")),
                c.getDuration("fatal-retry"), c.getDuration("idle-timeout"));
    }

    /**
     * A polled source delivers a symbol's minute only once the minute is complete, so it cannot look
     * fresher than one minute plus one poll; two polls are allowed when polls are slower than that.
     */
    static Duration polledStaleAfter(Duration poll) {
        Duration minuteAndPoll = ONE_MINUTE.plus(poll);
        Duration twoPolls = poll.multipliedBy(2);
        return twoPolls.compareTo(minuteAndPoll) > 0 ? twoPolls : minuteAndPoll;
    }

    public boolean hasKey() {
        return !apiKey.isEmpty();
    }

    /** The WebSocket base the configuration selects: real time or delayed. */
    public String streamUrl() {
        return realtime || delayedWsUrl.isEmpty() ? wsUrl : delayedWsUrl;
    }

    private static Backoff backoff(Config c) {
        return new Backoff(c.getDuration("min"), c.getDuration("max"), c.getDouble("random-factor"));
    }

    private static List<Window> windows(List<? extends Config> limits) {
        List<Window> windows = new ArrayList<>(limits.size());
        for (Config limit : limits) {
            windows.add(new Window(limit.getLong("limit"), limit.getDuration("per")));
        }
        return List.copyOf(windows);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + (enabled ? " enabled" : " disabled") + ", key "
                + (hasKey() ? "set" : "not set") + ", rest " + restUrl + ", ws " + streamUrl() + ", mode " + mode
                + ", poll " + pollInterval + ", stale after " + staleAfter + ", limits " + rateLimits
                + ", " + breaker + "]";
    }
}
