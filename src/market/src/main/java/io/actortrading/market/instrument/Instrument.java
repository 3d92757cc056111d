package io.actortrading.market.instrument;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/** What the node knows about a canonical symbol: its asset class, exchange time zone and session. */
public record Instrument(String symbol, AssetClass assetClass, ZoneId zone, TradingSession session) {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** A named zone rather than the offset "Z", so operators read "UTC". */
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** Quote currencies that mark {@code BASE-QUOTE} as a crypto pair rather than an equity share class. */
    private static final Set<String> CRYPTO_QUOTES = Set.of("USD", "USDT", "USDC", "EUR", "GBP", "BTC", "ETH");

    /**
     * The instrument a canonical symbol denotes by its spelling: {@code BASE-QUOTE} with a known quote
     * currency is crypto (24/7, UTC), {@code AAA/BBB} is forex (24/5 is not modelled: around the clock,
     * UTC), anything else is a US equity (09:30-16:00 America/New_York, weekdays).
     */
    public static Instrument infer(String symbol) {
        String s = symbol.toUpperCase(Locale.ROOT);
        int dash = s.lastIndexOf('-');
        if (dash > 0 && CRYPTO_QUOTES.contains(s.substring(dash + 1))) {
            return new Instrument(s, AssetClass.CRYPTO, UTC, TradingSession.ALWAYS_OPEN);
        }
        if (s.length() == 7 && s.charAt(3) == '/') {
            return new Instrument(s, AssetClass.FOREX, UTC, TradingSession.ALWAYS_OPEN);
        }
        return new Instrument(s, AssetClass.US_EQUITY, NEW_YORK, TradingSession.US_EQUITY_REGULAR);
    }
}
