package io.actortrading.node.inspect;

import io.actortrading.market.Bar;
import io.actortrading.node.symbol.SymbolView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/symbols/{symbol}}: one symbol actor's view, in the inspection contract's shape. */
public record SymbolReport(String symbol, String assetClass, String zone, List<String> sources, Double lastPrice,
                           String lastEventAt, Double quality, Counters counters, List<ReportedBar> forming,
                           List<ReportedBar> closed, Map<String, Map<String, Double>> indicators, Features features,
                           String featuresAt, Map<String, Object> liveSources, boolean ready, boolean warmingUp,
                           long standbyEvents, Discrepancies discrepancies, Gaps gaps) {

    public record Counters(long ticks, long applied, long late, long duplicates, long outsideSession,
                           Map<String, Long> rejected, long barsClosed) {
    }

    public record Features(List<String> names, List<Double> values) {
    }

    /** @param last null before the first discrepancy */
    public record Discrepancies(long count, Discrepancy last) {
    }

    /** One minute whose close differed between the active source and another one beyond the threshold. */
    public record Discrepancy(String minute, String activeSource, Double activePrice, String otherSource,
                              Double otherPrice) {
    }

    /** @param pending the window still being backfilled, null when none */
    public record Gaps(long detected, long filled, long unfilled, long unfilledMinutes, Window pending) {
    }

    public record Window(String from, String to) {
    }

    /**
     * @param sources     the feeds serving the symbol, as the symbol listing reports them
     * @param liveSources the router's choice of live provider: active, order (the fallback order), each
     *                    provider's data age and why it is unusable, the last switch; empty without live feeds
     */
    static SymbolReport of(SymbolView view, List<String> sources, Map<String, Object> liveSources) {
        SymbolView.Counters c = view.counters();
        Counters counters = c == null ? null : new Counters(c.ticks(), c.applied(), c.late(), c.duplicates(),
                c.outsideSession(), c.rejected() == null ? Map.of() : new TreeMap<>(c.rejected()), c.barsClosed());
        Features features = null;
        if (view.features() != null) {
            List<Double> values = new ArrayList<>(view.features().length);
            for (double value : view.features()) {
                values.add(ReportedBar.finite(value));
            }
            features = new Features(view.featureNames() == null ? List.of() : view.featureNames(), values);
        }
        return new SymbolReport(view.symbol(), view.assetClass(), view.zone(), sources,
                ReportedBar.finite(view.lastPrice()), ReportedBar.instantOrNull(view.lastEventAt()),
                ReportedBar.finite(view.quality()), counters, bars(view.forming()), bars(view.closed()),
                indicators(view.indicators()), features,
                features == null ? null : ReportedBar.instantOrNull(view.featuresAt()), liveSources, view.ready(),
                view.warmingUp(), view.standbyEvents(), discrepancies(view.discrepancies()), gaps(view.gaps()));
    }

    private static Discrepancies discrepancies(SymbolView.Discrepancies d) {
        if (d == null) {
            return new Discrepancies(0, null);
        }
        SymbolView.Discrepancy last = d.last();
        return new Discrepancies(d.count(), last == null ? null : new Discrepancy(
                ReportedBar.instantOrNull(last.minute()), last.activeSource(), ReportedBar.finite(last.activePrice()),
                last.otherSource(), ReportedBar.finite(last.otherPrice())));
    }

    private static Gaps gaps(SymbolView.Gaps g) {
        if (g == null) {
            return new Gaps(0, 0, 0, 0, null);
        }
        return new Gaps(g.detected(), g.filled(), g.unfilled(), g.unfilledMinutes(), g.pending() == null ? null
                : new Window(ReportedBar.instantOrNull(g.pending().from()), ReportedBar.instantOrNull(g.pending().to())));
    }

    private static List<ReportedBar> bars(List<Bar> bars) {
        return bars == null ? List.of() : bars.stream().map(ReportedBar::of).toList();
    }

    /** Timeframes keep the symbol's order (1m, 5m, ...); a value not yet warm, or not finite, is null. */
    private static Map<String, Map<String, Double>> indicators(Map<String, Map<String, Double>> byTimeframe) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        if (byTimeframe == null) {
            return out;
        }
        byTimeframe.forEach((timeframe, values) -> {
            Map<String, Double> finite = new TreeMap<>();
            values.forEach((name, value) -> finite.put(name, value == null ? null : ReportedBar.finite(value)));
            out.put(timeframe, finite);
        });
        return out;
    }
}
