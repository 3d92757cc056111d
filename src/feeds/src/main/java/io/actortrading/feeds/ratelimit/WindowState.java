package io.actortrading.feeds.ratelimit;

import java.time.Duration;

/**
 * What one window of a {@link RequestBudget} looks like at an instant, for inspection
 * ({@code atctl feeds show}). {@code resetsAtMillis} is the epoch millisecond at which the current
 * window ends; before the budget's first use it is {@code nowMillis + length}, when a window
 * started now would end.
 */
public record WindowState(long limit, Duration length, long used, long remaining, long resetsAtMillis) {
}
