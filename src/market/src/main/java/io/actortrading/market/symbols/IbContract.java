package io.actortrading.market.symbols;

import java.util.Objects;

/**
 * The fields of an Interactive Brokers contract that identify what a canonical symbol trades as.
 *
 * @param symbol          IB's symbol: class shares with a space ({@code BRK B}), the base currency for
 *                        crypto and forex
 * @param secType         {@code STK}, {@code CRYPTO} or {@code CASH}
 * @param exchange        {@code SMART}, {@code PAXOS} or {@code IDEALPRO}
 * @param currency        the currency the contract is quoted in
 * @param primaryExchange the listing exchange that disambiguates a SMART-routed stock, or null when not known
 */
public record IbContract(String symbol, String secType, String exchange, String currency, String primaryExchange) {

    public IbContract {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(secType, "secType");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(currency, "currency");
    }
}
