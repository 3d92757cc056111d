package io.actortrading.market.symbols;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import static io.actortrading.market.symbols.DataSource.ALPHAVANTAGE;
import static io.actortrading.market.symbols.DataSource.POLYGON_REST;
import static io.actortrading.market.symbols.DataSource.POLYGON_WS;
import static io.actortrading.market.symbols.DataSource.TWELVEDATA;
import static io.actortrading.market.symbols.DataSource.YAHOO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolMappingTest {

    private static final SymbolMapping STANDARD = SymbolMapping.standard();

    /** The table of DESIGN.md section 5 and the brief, one row per canonical symbol and source. */
    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource({
            "NVDA,    POLYGON_REST, NVDA",
            "NVDA,    POLYGON_WS,   NVDA",
            "NVDA,    YAHOO,        NVDA",
            "NVDA,    ALPHAVANTAGE, NVDA",
            "NVDA,    TWELVEDATA,   NVDA",
            "BRK.B,   POLYGON_REST, BRK.B",
            "BRK.B,   POLYGON_WS,   BRK.B",
            "BRK.B,   YAHOO,        BRK-B",
            "BRK.B,   ALPHAVANTAGE, BRK-B",
            "BRK.B,   TWELVEDATA,   BRK.B",
            "BTC-USD, POLYGON_REST, X:BTCUSD",
            "BTC-USD, POLYGON_WS,   BTC-USD",
            "BTC-USD, YAHOO,        BTC-USD",
            "BTC-USD, ALPHAVANTAGE, BTC",
            "BTC-USD, TWELVEDATA,   BTC/USD",
            "ETH-USDT, POLYGON_REST, X:ETHUSDT",
            "ETH-BTC, TWELVEDATA,   ETH/BTC",
            "EUR/USD, POLYGON_REST, C:EURUSD",
            "EUR/USD, POLYGON_WS,   EUR-USD",
            "EUR/USD, YAHOO,        EURUSD=X",
            "EUR/USD, ALPHAVANTAGE, EUR",
            "EUR/USD, TWELVEDATA,   EUR/USD",
    })
    void canonicalSymbolsAreSpelledAsEachProviderExpects(String canonical, DataSource source, String spelling) {
        assertThat(STANDARD.toProvider(canonical, source)).isEqualTo(spelling);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NVDA", "AAPL", "BRK.B", "BF.A", "BTC-USD", "ETH-USDT", "SHIB-USD", "1INCH-USD",
            "ETH-BTC", "USDC-USD", "EUR/USD", "USD/JPY", "GBP/CHF"})
    void everyProviderSpellingLeadsBackToItsSymbol(String canonical) {
        for (DataSource source : DataSource.values()) {
            String spelling = STANDARD.toProvider(canonical, source);
            Optional<String> back = source == ALPHAVANTAGE
                    ? STANDARD.fromAlphaVantage(spelling, STANDARD.alphaVantageMarket(canonical).orElse(null))
                    : STANDARD.fromProvider(source, spelling);
            assertThat(back).as("%s spelled %s by %s", canonical, spelling, source).contains(canonical);
        }
    }

    @Test
    void alphaVantageNamesTheMarketSeparately() {
        assertThat(STANDARD.alphaVantageMarket("BTC-USD")).contains("USD");
        assertThat(STANDARD.alphaVantageMarket("ETH-EUR")).contains("EUR");
        assertThat(STANDARD.alphaVantageMarket("EUR/USD")).contains("USD");
        assertThat(STANDARD.alphaVantageMarket("NVDA")).isEmpty();
        assertThat(STANDARD.fromAlphaVantage("BTC", "USD")).contains("BTC-USD");
        assertThat(STANDARD.fromAlphaVantage("EUR", "USD")).contains("EUR/USD");
        assertThat(STANDARD.fromAlphaVantage("BTC", null)).as("without a market, BTC is the ETF").contains("BTC");
        assertThat(STANDARD.fromAlphaVantage("BTC", "JPY")).as("a quote the system does not trade").isEmpty();
    }

    @Test
    void ibContractsFollowTheAssetClass() {
        assertThat(STANDARD.toIb("NVDA")).isEqualTo(new IbContract("NVDA", "STK", "SMART", "USD", null));
        assertThat(STANDARD.toIb("BRK.B")).isEqualTo(new IbContract("BRK B", "STK", "SMART", "USD", null));
        assertThat(STANDARD.toIb("BTC-USD")).isEqualTo(new IbContract("BTC", "CRYPTO", "PAXOS", "USD", null));
        assertThat(STANDARD.toIb("EUR/USD")).isEqualTo(new IbContract("EUR", "CASH", "IDEALPRO", "USD", null));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
            "POLYGON_WS,   EUR/USD,  EUR/USD",
            "POLYGON_WS,   eur-usd,  EUR/USD",
            "POLYGON_REST, X:SOLUSD, SOL-USD",
            "YAHOO,        JPY=X,    USD/JPY",
            "YAHOO,        BF-B,     BF.B",
            "TWELVEDATA,   USD/JPY,  USD/JPY",
            "TWELVEDATA,   ' BTC/USD ', BTC-USD",
    })
    void providerSpellingsOutsideTheTableAreUnderstood(DataSource source, String spelling, String canonical) {
        assertThat(STANDARD.fromProvider(source, spelling)).contains(canonical);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POLYGON_REST, I:SPX",
            "POLYGON_REST, O:SPY251219C00650000",
            "POLYGON_REST, X:BTCJPY",
            "POLYGON_REST, C:EURUS",
            "YAHOO,        ^GSPC",
            "YAHOO,        ES=F",
            "YAHOO,        VOD.L",
            "YAHOO,        EURUSDX=X",
            "ALPHAVANTAGE, TSCO.LON",
            "TWELVEDATA,   ABC/XYZ",
            "TWELVEDATA,   ''",
    })
    void spellingsOfThingsThisSystemDoesNotTradeMapToNothing(DataSource source, String spelling) {
        assertThat(STANDARD.fromProvider(source, spelling)).isEmpty();
    }

    @Test
    void nullProviderSymbolMapsToNothing() {
        for (DataSource source : DataSource.values()) {
            assertThat(STANDARD.fromProvider(source, null)).isEmpty();
        }
        assertThat(STANDARD.fromAlphaVantage(null, "USD")).isEmpty();
    }

    @Test
    void overridesWinInBothDirectionsAndHideTheRuleSpelling() {
        SymbolMapping mapping = new SymbolMapping(Map.of(
                "meta", Map.of(YAHOO, "FB", POLYGON_REST, "FB"),
                "BRK.B", Map.of(ALPHAVANTAGE, "BRK.B")));

        assertThat(mapping.toProvider("META", YAHOO)).isEqualTo("FB");
        assertThat(mapping.toProvider("META", TWELVEDATA)).as("no override for this source").isEqualTo("META");
        assertThat(mapping.fromProvider(YAHOO, "FB")).contains("META");
        assertThat(mapping.fromProvider(YAHOO, "META")).as("META is spelled FB on Yahoo").isEmpty();
        assertThat(mapping.fromProvider(TWELVEDATA, "META")).contains("META");
        assertThat(mapping.toProvider("BRK.B", ALPHAVANTAGE)).isEqualTo("BRK.B");
        assertThat(mapping.fromProvider(ALPHAVANTAGE, "BRK.B")).contains("BRK.B");
        assertThat(mapping.fromProvider(ALPHAVANTAGE, "BRK-B")).isEmpty();
    }

    @Test
    void contradictoryOrInvalidOverridesAreRefused() {
        assertThatThrownBy(() -> new SymbolMapping(Map.of("META", Map.of(YAHOO, "FB"), "FBX", Map.of(YAHOO, "FB"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FB");
        assertThatThrownBy(() -> new SymbolMapping(Map.of("X:BTCUSD", Map.of(YAHOO, "BTC-USD"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SymbolMapping(Map.of("META", Map.of(YAHOO, " "))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toProviderAcceptsWhatCanonicalizeAcceptsAndRefusesTheRest() {
        assertThat(STANDARD.toProvider(" brk.b ", YAHOO)).isEqualTo("BRK-B");
        assertThatThrownBy(() -> STANDARD.toProvider("X:BTCUSD", YAHOO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> STANDARD.toIb(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({
            "nvda,           NVDA",
            "'  brk.b  ',    BRK.B",
            "btc-usd,        BTC-USD",
            "eur/usd,        EUR/USD",
            "A,              A",
            "1INCH-USD,      1INCH-USD",
            "ABCDEFGHIJKLMNOPQRST, ABCDEFGHIJKLMNOPQRST",
    })
    void canonicalizeTrimsAndUpperCases(String input, String canonical) {
        assertThat(SymbolMapping.canonicalize(input)).contains(canonical);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", "X:BTCUSD", "EURUSD=X", "^GSPC", "AAPL;DROP", "BRK B", "-AAPL", "AAPL.",
            "BRK..B", "A/B/C", "A-/B", "AB/CDEFG", "EU1/USD", "ABCDEFGHIJKLMNOPQRSTU", "NVDÄ", "\u0000", "€"})
    void canonicalizeRefusesGarbage(String input) {
        assertThat(SymbolMapping.canonicalize(input)).isEmpty();
    }

    @Test
    void canonicalizeRefusesNull() {
        assertThat(SymbolMapping.canonicalize(null)).isEmpty();
    }

    @Property(tries = 1_000)
    void canonicalizeIsIdempotentAndNeverThrows(@ForAll String input) {
        Optional<String> canonical = SymbolMapping.canonicalize(input);
        canonical.ifPresent(symbol -> {
            assertThat(SymbolMapping.canonicalize(symbol)).contains(symbol);
            assertThat(symbol).hasSizeBetween(1, 20).matches("[A-Z0-9./-]+");
        });
    }

    @Property(tries = 1_000)
    void fromProviderNeverThrows(@ForAll DataSource source, @ForAll String spelling) {
        assertThat(STANDARD.fromProvider(source, spelling)).isNotNull();
    }

    @Test
    void configNamesNameTheProviders() {
        assertThat(DataSource.forConfigName("polygon")).isEqualTo(EnumSet.of(POLYGON_REST, POLYGON_WS));
        assertThat(DataSource.forConfigName(" Yahoo ")).containsExactly(YAHOO);
        assertThat(DataSource.forConfigName("alphavantage")).containsExactly(ALPHAVANTAGE);
        assertThat(DataSource.forConfigName("twelvedata")).containsExactly(TWELVEDATA);
        assertThat(DataSource.forConfigName("bloomberg")).isEmpty();
        assertThat(DataSource.forConfigName(null)).isEmpty();
        for (DataSource source : DataSource.values()) {
            assertThat(DataSource.forConfigName(source.configName())).contains(source);
        }
    }
}
