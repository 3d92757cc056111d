package io.actortrading.fakes;

/**
 * One trade of the fake market.
 *
 * @param symbol   canonical symbol
 * @param time     epoch milliseconds
 * @param price    rounded to {@link FakeTape#PRICE_DECIMALS} decimals, so its JSON text reads back exactly
 * @param size     a whole number for equities, fractional (same rounding) for crypto and forex
 * @param id       the provider trade id: the sequence as text
 * @param sequence increasing per symbol across minutes, with gaps between minutes
 */
public record FakeTrade(String symbol, long time, double price, double size, String id, long sequence) {
}
