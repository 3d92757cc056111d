package io.actortrading.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Quote;
import io.actortrading.market.Tick;
import java.util.List;

/** The promise every decoder keeps whatever its input: events name a symbol and carry only finite numbers. */
public final class FiniteEvents {

    private FiniteEvents() {
    }

    public static void assertWellFormed(MarketEvent event) {
        assertThat(event.symbol()).isNotBlank();
        assertThat(event.source()).isNotBlank();
        if (event instanceof Tick) {
            Tick t = (Tick) event;
            assertThat(List.of(t.price(), t.size())).as(event.toString()).allMatch(Double::isFinite);
        } else if (event instanceof Quote) {
            Quote q = (Quote) event;
            assertThat(List.of(q.bid(), q.bidSize(), q.ask(), q.askSize())).as(event.toString()).allMatch(Double::isFinite);
        } else {
            Bar b = (Bar) event;
            assertThat(List.of(b.open(), b.high(), b.low(), b.close(), b.volume(), b.vwap()))
                    .as(event.toString()).allMatch(Double::isFinite);
            assertThat(b.end()).isGreaterThan(b.start());
        }
    }
}
