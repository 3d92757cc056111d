package io.actortrading.fakes;

import java.time.Duration;
import java.util.List;

/**
 * How the fakes listen and answer. The keys are what the fakes accept; any other key is refused the
 * way the provider refuses it. The defaults are fake keys that are safe to write into a config file.
 *
 * @param host                where to listen
 * @param port                where to listen; 0 picks a free port
 * @param polygonKey          the accepted Polygon key (REST and WebSocket)
 * @param alphaVantageKey     the accepted Alpha Vantage key
 * @param twelveDataKey       the accepted Twelve Data key (REST and WebSocket)
 * @param polygonPageSize     most aggregates per Polygon page; more come through {@code next_url}
 * @param polygonDelayed      Polygon REST answers with status {@code DELAYED} instead of {@code OK}
 * @param alphaVantageFull    minutes in an Alpha Vantage {@code outputsize=full} answer ({@code compact} is 100)
 * @param wsEmitInterval      how often, in wall time, the WebSockets send what the market clock has passed
 * @param symbols             canonical symbols a Polygon wildcard subscription ({@code T.*}) stands for
 */
public record FakeSettings(String host, int port, String polygonKey, String alphaVantageKey, String twelveDataKey,
                           int polygonPageSize, boolean polygonDelayed, int alphaVantageFull,
                           Duration wsEmitInterval, List<String> symbols) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_POLYGON_KEY = "fake-polygon-key";
    public static final String DEFAULT_ALPHAVANTAGE_KEY = "fake-alphavantage-key";
    public static final String DEFAULT_TWELVEDATA_KEY = "fake-twelvedata-key";
    /** Polygon's own default {@code limit}. */
    public static final int DEFAULT_POLYGON_PAGE_SIZE = 5_000;
    public static final int DEFAULT_ALPHAVANTAGE_FULL = 1_000;
    public static final Duration DEFAULT_WS_EMIT_INTERVAL = Duration.ofMillis(20);
    public static final List<String> DEFAULT_SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "TSLA", "SPY", "BTC-USD", "ETH-USD");

    public FakeSettings {
        if (port < 0 || polygonPageSize < 1 || alphaVantageFull < 1 || wsEmitInterval.isNegative() || wsEmitInterval.isZero()) {
            throw new IllegalArgumentException("port must be >= 0, page sizes and the emit interval positive");
        }
        symbols = List.copyOf(symbols);
    }

    /** Loopback, an ephemeral port, the default fake keys. */
    public static FakeSettings defaults() {
        return new FakeSettings(DEFAULT_HOST, 0, DEFAULT_POLYGON_KEY, DEFAULT_ALPHAVANTAGE_KEY, DEFAULT_TWELVEDATA_KEY,
                DEFAULT_POLYGON_PAGE_SIZE, false, DEFAULT_ALPHAVANTAGE_FULL, DEFAULT_WS_EMIT_INTERVAL, DEFAULT_SYMBOLS);
    }

    public FakeSettings withAddress(String newHost, int newPort) {
        return new FakeSettings(newHost, newPort, polygonKey, alphaVantageKey, twelveDataKey, polygonPageSize,
                polygonDelayed, alphaVantageFull, wsEmitInterval, symbols);
    }

    public FakeSettings withKeys(String polygon, String alphaVantage, String twelveData) {
        return new FakeSettings(host, port, polygon, alphaVantage, twelveData, polygonPageSize, polygonDelayed,
                alphaVantageFull, wsEmitInterval, symbols);
    }

    public FakeSettings withPolygonPageSize(int pageSize) {
        return new FakeSettings(host, port, polygonKey, alphaVantageKey, twelveDataKey, pageSize, polygonDelayed,
                alphaVantageFull, wsEmitInterval, symbols);
    }

    public FakeSettings withPolygonDelayed(boolean delayed) {
        return new FakeSettings(host, port, polygonKey, alphaVantageKey, twelveDataKey, polygonPageSize, delayed,
                alphaVantageFull, wsEmitInterval, symbols);
    }

    public FakeSettings withAlphaVantageFull(int minutes) {
        return new FakeSettings(host, port, polygonKey, alphaVantageKey, twelveDataKey, polygonPageSize,
                polygonDelayed, minutes, wsEmitInterval, symbols);
    }

    public FakeSettings withWsEmitInterval(Duration interval) {
        return new FakeSettings(host, port, polygonKey, alphaVantageKey, twelveDataKey, polygonPageSize,
                polygonDelayed, alphaVantageFull, interval, symbols);
    }

    public FakeSettings withSymbols(List<String> wildcardSymbols) {
        return new FakeSettings(host, port, polygonKey, alphaVantageKey, twelveDataKey, polygonPageSize,
                polygonDelayed, alphaVantageFull, wsEmitInterval, wildcardSymbols);
    }

    /** Keys stay out of logs. */
    @Override
    public String toString() {
        return "FakeSettings[host=" + host + ", port=" + port + ", polygonPageSize=" + polygonPageSize
                + ", polygonDelayed=" + polygonDelayed + ", alphaVantageFull=" + alphaVantageFull
                + ", wsEmitInterval=" + wsEmitInterval + ", symbols=" + symbols + "]";
    }
}
