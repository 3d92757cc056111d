package io.actortrading.market.instrument;

public enum AssetClass {
    US_EQUITY,
    CRYPTO,
    FOREX
}
