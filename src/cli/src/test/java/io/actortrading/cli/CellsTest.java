package io.actortrading.cli;

import org.junit.jupiter.api.Test;

import static io.actortrading.cli.ContractDocuments.parse;
import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {

    @Test
    void numbersKeepAtMostSixDecimalsAndSwitchToScientificAtTheExtremes() {
        assertThat(Cells.number(parse("912.5"))).isEqualTo("912.5");
        assertThat(Cells.number(parse("61.23456789"))).isEqualTo("61.234568");
        assertThat(Cells.number(parse("1234567890123"))).isEqualTo("1234567890123");
        assertThat(Cells.number(parse("1.7976931348623157E308"))).isEqualTo("1.7976931348623157E308");
        assertThat(Cells.number(parse("3.2E-9"))).isEqualTo("3.2E-9");
        assertThat(Cells.number(parse("-0.0"))).isEqualTo("0");
        assertThat(Cells.number(parse("null"))).isEqualTo("-");
    }

    @Test
    void agesReadAsMillisecondsSecondsMinutesAndHours() {
        assertThat(Cells.age(parse("999"))).isEqualTo("999ms");
        assertThat(Cells.age(parse("1500"))).isEqualTo("1.5s");
        assertThat(Cells.age(parse("125000"))).isEqualTo("2m05s");
        assertThat(Cells.age(parse("3720000"))).isEqualTo("1h02m");
        assertThat(Cells.age(parse("null"))).isEqualTo("-");
    }
}
