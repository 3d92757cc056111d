package io.actortrading.feeds.live;

import io.actortrading.feeds.ProviderReply;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A provider's REST history of 1-minute bars: what polling feeds, gap backfill and the warm-up of a
 * new symbol ask. Implementations spend the provider's shared request budget, go through its circuit
 * breaker, retry throttling and server errors with backoff, follow paging, and never let an API key
 * reach a log or a failure message.
 */
public interface MinuteHistory {

    /** The source name stamped on the bars ({@code polygon}, {@code yahoo}, ...). */
    String source();

    /**
     * The completed 1-minute bars of {@code canonicalSymbol} starting in [fromMillis, toMillis), oldest
     * first; never a still-forming minute. The stage always completes normally: every failure is a
     * {@link ProviderReply.Failure} (an open breaker or an exhausted budget is {@code THROTTLED}).
     */
    CompletionStage<ProviderReply> minutes(String canonicalSymbol, long fromMillis, long toMillis);

    /**
     * How long until the provider's request budget holds one more request if nobody else spends it:
     * zero when a request fits now or the provider has no limit.
     */
    default Duration budgetWait(long nowMillis) {
        return Duration.ZERO;
    }
}
