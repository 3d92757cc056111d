package io.actortrading.feeds.synthetic;

import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;
import java.util.Map;

/**
 * How one synthetic symbol moves: where it starts and its annual drift and volatility. Well-known
 * symbols start near a typical level of theirs so a demo looks familiar; others get a level and a
 * volatility derived from the symbol's name, so a symbol behaves the same in every run.
 *
 * @param tradingMillisPerYear the trading time that annual drift and volatility refer to: 252 regular
 *                             sessions for equities, the whole calendar year for markets that never close
 */
record SymbolProfile(double referencePrice, double drift, double volatility, double tradingMillisPerYear) {

    private static final double HOUR_MILLIS = 3_600_000.0;
    private static final double EQUITY_YEAR_MILLIS = 252 * 6.5 * HOUR_MILLIS;
    private static final double CALENDAR_YEAR_MILLIS = 365.25 * 24 * HOUR_MILLIS;

    private static final Map<String, Double> TYPICAL_LEVELS = Map.ofEntries(
            Map.entry("AAPL", 230.0), Map.entry("MSFT", 410.0), Map.entry("NVDA", 180.0),
            Map.entry("AMZN", 210.0), Map.entry("GOOGL", 180.0), Map.entry("META", 640.0),
            Map.entry("TSLA", 330.0), Map.entry("SPY", 600.0), Map.entry("QQQ", 520.0),
            Map.entry("BTC-USD", 90_000.0), Map.entry("ETH-USD", 3_000.0), Map.entry("SOL-USD", 150.0),
            Map.entry("EUR/USD", 1.08), Map.entry("GBP/USD", 1.27));

    static SymbolProfile of(Instrument instrument) {
        String symbol = instrument.symbol();
        long bits = mix(symbol.hashCode());
        double levelDraw = (bits >>> 11) * 0x1.0p-53;
        double volatilityDraw = ((bits * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
        AssetClass assetClass = instrument.assetClass();
        switch (assetClass) {
            case CRYPTO:
                return new SymbolProfile(TYPICAL_LEVELS.getOrDefault(symbol, 0.5 + 200 * levelDraw),
                        0.10, 0.55 + 0.35 * volatilityDraw, CALENDAR_YEAR_MILLIS);
            case FOREX:
                return new SymbolProfile(TYPICAL_LEVELS.getOrDefault(symbol, 0.6 + 1.2 * levelDraw),
                        0.0, 0.06 + 0.06 * volatilityDraw, CALENDAR_YEAR_MILLIS);
            default:
                return new SymbolProfile(TYPICAL_LEVELS.getOrDefault(symbol, 20 + 480 * levelDraw),
                        0.08, 0.20 + 0.35 * volatilityDraw, EQUITY_YEAR_MILLIS);
        }
    }

    /** SplitMix64's finalizer: a stable, well-spread 64-bit value from the symbol's String hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
