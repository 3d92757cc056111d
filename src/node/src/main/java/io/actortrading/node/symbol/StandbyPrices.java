package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.MarketEvent;
import io.actortrading.market.Tick;
import io.actortrading.market.Timeframe;

import java.util.Arrays;
import java.util.List;

/**
 * The latest price each standby source (a live source the router did not choose) reported for the
 * current and the previous minute, so that the symbol's own close can be checked against them. One
 * slot per source of the symbol's order in primitive arrays: recording a price allocates nothing; the
 * arrays are remade only when the router's order changes.
 */
final class StandbyPrices {

    /** Told about each standby source whose price diverges from the symbol's own close. */
    @FunctionalInterface
    interface DivergenceSink {
        void diverged(Bar closedMinute, String source, double price);
    }

    private List<String> order = List.of();
    private long[] minute = new long[0];
    private long[] at = new long[0];
    private double[] price = new double[0];
    private long[] previousMinute = new long[0];
    private long[] previousAt = new long[0];
    private double[] previousPrice = new double[0];
    private long events;

    /** Follows the router's order of sources; prices of sources that stay in it are kept. */
    void follow(SourceChoice choice) {
        List<String> next = choice.order();
        if (next == order || next.equals(order)) {
            return;
        }
        long[] nextMinute = new long[next.size()];
        long[] nextAt = new long[next.size()];
        double[] nextPrice = new double[next.size()];
        long[] nextPreviousMinute = new long[next.size()];
        long[] nextPreviousAt = new long[next.size()];
        double[] nextPreviousPrice = new double[next.size()];
        Arrays.fill(nextMinute, Long.MIN_VALUE);
        Arrays.fill(nextPreviousMinute, Long.MIN_VALUE);
        for (int i = 0; i < next.size(); i++) {
            int old = order.indexOf(next.get(i));
            if (old >= 0) {
                nextMinute[i] = minute[old];
                nextAt[i] = at[old];
                nextPrice[i] = price[old];
                nextPreviousMinute[i] = previousMinute[old];
                nextPreviousAt[i] = previousAt[old];
                nextPreviousPrice[i] = previousPrice[old];
            }
        }
        order = next;
        minute = nextMinute;
        at = nextAt;
        price = nextPrice;
        previousMinute = nextPreviousMinute;
        previousAt = nextPreviousAt;
        previousPrice = nextPreviousPrice;
    }

    /** An event of a standby source: counted; a usable trade price or 1-minute close is kept for its minute. */
    void record(MarketEvent event) {
        events++;
        int source = order.indexOf(event.source());
        if (source < 0) {
            return;
        }
        if (event instanceof Tick tick) {
            long time = tick.timestamp();
            keep(source, Math.floorDiv(time, SessionMinutes.MINUTE_MILLIS) * SessionMinutes.MINUTE_MILLIS, time,
                    tick.price());
        } else if (event instanceof Bar bar && bar.timeframe() == Timeframe.M1) {
            keep(source, bar.start(), bar.end(), bar.close());
        }
    }

    private void keep(int source, long eventMinute, long time, double value) {
        if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
            return;
        }
        if (eventMinute > minute[source]) {
            previousMinute[source] = minute[source];
            previousAt[source] = at[source];
            previousPrice[source] = price[source];
            minute[source] = eventMinute;
            at[source] = time;
            price[source] = value;
        } else if (eventMinute == minute[source]) {
            if (time >= at[source]) {
                at[source] = time;
                price[source] = value;
            }
        } else if (eventMinute == previousMinute[source] && time >= previousAt[source]) {
            previousAt[source] = time;
            previousPrice[source] = value;
        }
    }

    /**
     * Tells {@code sink} about every standby source whose price for {@code closedMinute}'s minute differs
     * from its close by more than {@code threshold} (relative to the close).
     */
    void compare(Bar closedMinute, double threshold, DivergenceSink sink) {
        double close = closedMinute.close();
        long start = closedMinute.start();
        for (int i = 0; i < minute.length; i++) {
            double other;
            if (minute[i] == start) {
                other = price[i];
            } else if (previousMinute[i] == start) {
                other = previousPrice[i];
            } else {
                continue;
            }
            if (Math.abs(other - close) / close > threshold) {
                sink.diverged(closedMinute, order.get(i), other);
            }
        }
    }

    long events() {
        return events;
    }

    void restoreEvents(long count) {
        events = count;
    }
}
