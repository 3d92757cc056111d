package io.actortrading.node.redis;

import com.typesafe.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where and how the node publishes to Redis ({@code actortrading.redis}).
 *
 * @param url an empty URL switches Redis off
 */
public record RedisSettings(String url, String keyPrefix, Duration latestTtl, int recentBars,
                            long ticksStreamMaxLength, long aggMinuteStreamMaxLength, int tickBuffer, int barBuffer,
                            int batchSize, Duration batchInterval, int batchesInFlight, Duration commandTimeout,
                            Duration backoffMin, Duration backoffMax, Duration shutdownTimeout) {

    public static RedisSettings fromConfig(Config redis) {
        return new RedisSettings(redis.getString("url").trim(), redis.getString("key-prefix"),
                redis.getDuration("latest-ttl"), redis.getInt("recent-bars"), redis.getLong("ticks-stream-max-length"),
                redis.getLong("agg-minute-stream-max-length"), redis.getInt("buffer.ticks"),
                redis.getInt("buffer.bars"), redis.getInt("batch-size"), redis.getDuration("batch-interval"),
                redis.getInt("batches-in-flight"), redis.getDuration("command-timeout"),
                redis.getDuration("reconnect-backoff.min"), redis.getDuration("reconnect-backoff.max"),
                redis.getDuration("shutdown-timeout"));
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    /** Scheme, host, port and database of the URL, never its user or password: what logs and reports show. */
    public String describe() {
        try {
            URI uri = new URI(url);
            String path = uri.getPath() == null ? "" : uri.getPath();
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        } catch (URISyntaxException e) {
            return "an unparsable Redis URL";
        }
    }

    /** The text with the URL's user and password, wherever they appear in it, replaced by {@code ***}. */
    public String redact(String text) {
        try {
            String userInfo = new URI(url).getRawUserInfo();
            if (userInfo == null || userInfo.isEmpty() || text == null) {
                return text;
            }
            String password = userInfo.substring(userInfo.indexOf(':') + 1);
            String redacted = text.replace(userInfo, "***");
            return password.isEmpty() ? redacted : redacted.replace(password, "***");
        } catch (URISyntaxException e) {
            return "(redacted: the Redis URL does not parse)";
        }
    }
}
