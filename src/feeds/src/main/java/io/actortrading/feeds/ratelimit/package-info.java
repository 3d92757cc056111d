/**
 * Request budgets for rate-limited providers, shared by every actor of a node that talks to one
 * provider with one API key. Plain Java and clock-free: callers pass {@code nowMillis}, so the
 * budget is deterministic under test and never blocks; a caller that is refused asks
 * {@link io.actortrading.feeds.ratelimit.RequestBudget#waitFor} and schedules its retry itself.
 */
package io.actortrading.feeds.ratelimit;
