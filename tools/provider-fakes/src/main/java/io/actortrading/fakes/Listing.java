package io.actortrading.fakes;

import io.actortrading.market.instrument.AssetClass;
import io.actortrading.market.instrument.Instrument;

import java.time.ZoneId;

/**
 * Where and how a symbol is listed, as the providers describe it in their metadata: a NASDAQ common
 * stock, a Coinbase crypto pair, a forex pair.
 *
 * @param zone      the exchange's time zone, which local times in provider answers refer to
 * @param currency  the currency prices are in (the quote currency of a pair)
 * @param base      the base currency of a pair, null for a stock
 * @param micCode   the market identifier code, null when the provider gives none
 */
record Listing(String symbol, AssetClass assetClass, ZoneId zone, String currency, String base,
               String exchange, String micCode, String twelveDataType, String yahooExchange, String yahooType) {

    private static final String USD = "USD";

    static Listing of(String canonicalSymbol) {
        Instrument instrument = Instrument.infer(canonicalSymbol);
        return switch (instrument.assetClass()) {
            case US_EQUITY -> new Listing(canonicalSymbol, AssetClass.US_EQUITY, instrument.zone(), USD, null,
                    "NASDAQ", "XNGS", "Common Stock", "NMS", "EQUITY");
            case CRYPTO -> {
                int dash = canonicalSymbol.lastIndexOf('-');
                yield new Listing(canonicalSymbol, AssetClass.CRYPTO, instrument.zone(),
                        canonicalSymbol.substring(dash + 1), canonicalSymbol.substring(0, dash),
                        "Coinbase Pro", null, "Digital Currency", "CCC", "CRYPTOCURRENCY");
            }
            case FOREX -> new Listing(canonicalSymbol, AssetClass.FOREX, instrument.zone(),
                    canonicalSymbol.substring(canonicalSymbol.indexOf('/') + 1),
                    canonicalSymbol.substring(0, canonicalSymbol.indexOf('/')),
                    "Forex", null, "Physical Currency", "CCY", "CURRENCY");
        };
    }

    boolean pair() {
        return base != null;
    }
}
