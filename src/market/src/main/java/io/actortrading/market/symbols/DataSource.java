package io.actortrading.market.symbols;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A market data provider interface, as far as symbol spelling is concerned. Polygon spells crypto pairs
 * differently on REST and on the WebSocket, so it appears twice; configuration names the provider once.
 */
public enum DataSource {
    POLYGON_REST("polygon"),
    POLYGON_WS("polygon"),
    YAHOO("yahoo"),
    ALPHAVANTAGE("alphavantage"),
    TWELVEDATA("twelvedata");

    private final String configName;

    DataSource(String configName) {
        this.configName = configName;
    }

    /** The provider's name in HOCON and on the command line: {@code polygon}, {@code yahoo}, ... */
    public String configName() {
        return configName;
    }

    /** Every source a configuration name stands for (both Polygon interfaces for {@code polygon}); empty if unknown. */
    public static Set<DataSource> forConfigName(String name) {
        EnumSet<DataSource> sources = EnumSet.noneOf(DataSource.class);
        if (name == null) {
            return sources;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (DataSource source : values()) {
            if (source.configName.equals(wanted)) {
                sources.add(source);
            }
        }
        return sources;
    }
}
