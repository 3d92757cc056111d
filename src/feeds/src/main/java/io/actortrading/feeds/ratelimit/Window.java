package io.actortrading.feeds.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One provider limit: at most {@code limit} credits per {@code length}, e.g. 5 per minute.
 *
 * <p>The limit fits in 31 bits and the length is at least one second because a window's state is
 * packed into one 64-bit word (window number and credits used, 32 bits each) so that it can be
 * updated by a single compare-and-set; one-second windows still number 2^31 (68 years).
 */
public record Window(long limit, Duration length) {

    public Window {
        Objects.requireNonNull(length, "length");
        if (limit < 1 || limit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limit must be in 1.." + Integer.MAX_VALUE + ": " + limit);
        }
        if (length.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("length must be at least one second: " + length);
        }
    }

    public static Window perSecond(long limit) {
        return new Window(limit, Duration.ofSeconds(1));
    }

    public static Window perMinute(long limit) {
        return new Window(limit, Duration.ofMinutes(1));
    }

    public static Window perDay(long limit) {
        return new Window(limit, Duration.ofDays(1));
    }
}
