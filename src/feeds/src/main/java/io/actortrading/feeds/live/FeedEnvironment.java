package io.actortrading.feeds.live;

import io.actortrading.market.MarketEvent;
import io.actortrading.market.symbols.SymbolMapping;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everything a live feed actor gets from its node.
 *
 * @param output     a new sink into the node's router per materialization (one per connection or per
 *                   feed incarnation); it back-pressures when the symbol actors fall behind
 * @param health     told a {@link SourceHealth} on every change of connection or breaker state
 * @param marketNow  the market clock in epoch milliseconds (accelerated in tests and demos): which
 *                   minutes are complete, which window to poll
 */
public record FeedEnvironment(ProviderSettings settings, ProviderGate gate,
                              Supplier<Sink<MarketEvent, NotUsed>> output, ActorRef<SourceHealth> health,
                              SymbolMapping symbols, LongSupplier marketNow) {

    public String source() {
        return settings.name();
    }
}
