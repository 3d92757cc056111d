package io.actortrading.feeds.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolTableTest {

    private final SymbolTable table = new SymbolTable();

    private String canonical(String text) {
        return table.canonical(text.toCharArray(), 0, text.length());
    }

    @Test
    void handsOutOneInstancePerSymbol() {
        String first = canonical("NVDA");
        char[] line = "2026-03-02T14:30:00Z,NVDA,182.4".toCharArray();

        assertThat(table.canonical(line, 21, 25)).isSameAs(first).isEqualTo("NVDA");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void foldsLowerCaseToTheCanonicalUpperCase() {
        assertThat(canonical("btc-usd")).isEqualTo("BTC-USD").isSameAs(canonical("BTC-USD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NVDA", "BTC-USD", "EUR/USD", "BRK.B", "^GSPC", "ES=F", "X:BTCUSD", "A"})
    void acceptsTheSpellingsOfCanonicalSymbols(String symbol) {
        assertThat(canonical(symbol)).isEqualTo(symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NV DA", "\"NVDA\"", "NVDA\uFFFD", "N,V", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void rejectsTextThatIsNoSymbol(String text) {
        assertThat(canonical(text)).isNull();
    }

    @Test
    void keepsDistinctSymbolsApartAsItGrows() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(canonical("S" + i)).isEqualTo("S" + i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(canonical("S" + i)).isSameAs(canonical("s" + i));
        }
        assertThat(table.size()).isEqualTo(1_000);
    }
}
