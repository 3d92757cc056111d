package io.actortrading.feeds.rest;

import io.actortrading.feeds.ProviderReply;
import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The minutes a history request asks for, [fromMillis, toMillis): providers answer in coarser ranges
 * (a whole day, the last 100 minutes), so every answer is cut to the window before it is handed on.
 */
public record MinuteWindow(long fromMillis, long toMillis) {

    public static final long MINUTE_MILLIS = 60_000L;

    public boolean isEmpty() {
        return toMillis <= fromMillis;
    }

    /** How many one-minute bars can start in the window. */
    public long minutes() {
        return isEmpty() ? 0 : (toMillis - fromMillis + MINUTE_MILLIS - 1) / MINUTE_MILLIS;
    }

    /** The answer with only the bars of {@code symbol} that start in the window and have ended by {@code nowMillis}. */
    public ProviderReply keep(ProviderReply reply, String symbol, long nowMillis) {
        if (!(reply instanceof ProviderReply.Data data)) {
            return reply;
        }
        List<MarketEvent> kept = new ArrayList<>(data.events().size());
        for (MarketEvent event : data.events()) {
            if (event instanceof Bar bar && bar.symbol().equals(symbol) && bar.start() >= fromMillis
                    && bar.start() < toMillis && bar.end() <= nowMillis) {
                kept.add(bar);
            }
        }
        return new ProviderReply.Data(kept, data.nextPage(), data.delayed(), data.skipped());
    }

    /** The answer for an empty window, without asking the provider. */
    public static ProviderReply.Data nothing() {
        return new ProviderReply.Data(List.of(), null, false, 0);
    }
}
