package io.actortrading.feeds;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise every provider codec keeps whatever body it is given: a reply, never an exception; a
 * failure says what kind and why; data holds finite events, oldest first, and its bars are closed
 * one-minute bars whose prices make sense.
 */
public final class ProviderReplies {

    private static final long ONE_MINUTE_MILLIS = 60_000L;

    private ProviderReplies() {
    }

    public static void assertWellFormed(ProviderReply reply, long nowMillis) {
        assertThat(reply).isNotNull();
        if (reply instanceof ProviderReply.Failure failure) {
            assertThat(failure.kind()).isNotNull();
            assertThat(failure.message()).isNotNull();
            return;
        }
        ProviderReply.Data data = (ProviderReply.Data) reply;
        assertThat(data.skipped()).isNotNegative();
        long previousStart = Long.MIN_VALUE;
        for (MarketEvent event : data.events()) {
            FiniteEvents.assertWellFormed(event);
            if (event instanceof Bar bar) {
                assertThat(bar.low()).as(bar.toString()).isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
                assertThat(bar.high()).as(bar.toString()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
                assertThat(bar.volume()).as(bar.toString()).isNotNegative();
                assertThat(bar.trades()).as(bar.toString()).isNotNegative();
                assertThat(bar.end()).as(bar.toString()).isEqualTo(bar.start() + ONE_MINUTE_MILLIS)
                        .isLessThanOrEqualTo(nowMillis);
                assertThat(bar.start()).as("oldest first, one bar per minute").isGreaterThan(previousStart);
                previousStart = bar.start();
            }
        }
    }
}
