package io.actortrading.node.clock;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarketClockTest {

    private static final long START = Instant.parse("2026-03-04T14:30:00Z").toEpochMilli();

    private static MarketClock accelerated(double speed, String anchor) {
        return MarketClock.fromConfig(ConfigFactory.parseString("""
                mode = "accelerated"
                speed = %s
                start = "2026-03-04T14:30:00Z"
                anchor = "%s"
                """.formatted(speed, anchor)));
    }

    @Test
    void anAcceleratedClockWithoutAnchorStartsAtItsStartNow() {
        long now = accelerated(1, "").now(Long.MIN_VALUE);
        assertThat(now).isCloseTo(START, within(1_000L));
    }

    @Test
    void twoClocksWithOneAnchorReadTheSameMarketTimeWhenEverTheyAreCreated() {
        String anchor = Instant.now().minusSeconds(30).toString();
        MarketClock first = accelerated(60, anchor);
        MarketClock second = accelerated(60, anchor);
        long a = first.now(Long.MIN_VALUE);
        long b = second.now(Long.MIN_VALUE);
        // 30 wall seconds at 60x have passed since the anchor: half an hour of market time
        assertThat(a).isCloseTo(START + 30L * 60 * 1000, within(60_000L));
        assertThat(Math.abs(b - a)).as("created apart, read apart: only the read gap times the speed").isLessThan(5_000L);
    }

    @Test
    void theSystemClockIsTheWallClockAndEventTimeIsTheEvent() {
        assertThat(MarketClock.fromConfig(ConfigFactory.parseString("mode = system")).now(0L))
                .isCloseTo(System.currentTimeMillis(), within(1_000L));
        assertThat(MarketClock.fromConfig(ConfigFactory.parseString("mode = event-time")).now(42L)).isEqualTo(42L);
    }
}
