package io.actortrading.feeds.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalTextTest {

    private static double parse(String text) {
        return DecimalText.parse(text.toCharArray(), 0, text.length());
    }

    @ParameterizedTest
    @CsvSource({
        "182.40, 182.40",
        "0, 0",
        "-0.5, -0.5",
        "+3, 3",
        ".25, 0.25",
        "7., 7",
        "1e3, 1000",
        "2.5E-2, 0.025",
        "0.00125, 0.00125",
        "66000.5, 66000.5",
        "12345678901234567890, 12345678901234567890",
        "0.1234567890123456789, 0.1234567890123456789",
        "1e300, 1e300",
        "4.9e-324, 4.9e-324",
    })
    void parsesPlainDecimalsToTheNearestDouble(String text, String expected) {
        assertThat(parse(text)).isEqualTo(Double.parseDouble(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NaN", "Infinity", "-Infinity", "1e999", "-1e400", "0x1p3", "1d", "2f", " 1", "1 ",
        ".", "-", "+", "e5", "1e", "1e+", "1.2.3", "1,5", "--1", "1_000", "١٢"})
    void rejectsAnythingButAFinitePlainDecimal(String text) {
        assertThat(parse(text)).isNaN();
    }

    @ParameterizedTest
    @CsvSource({"'x182.40y', 1, 7, 182.40", "'1,2.5,3', 2, 5, 2.5"})
    void readsOnlyItsRegion(String text, int from, int to, double expected) {
        assertThat(DecimalText.parse(text.toCharArray(), from, to)).isEqualTo(expected);
    }

    @Property
    void agreesWithTheJdkOnEveryDoubleItPrints(@ForAll double value) {
        String text = Double.toString(value);
        double parsed = parse(text);
        if (Double.isFinite(value)) {
            assertThat(parsed).isEqualTo(value);
        } else {
            assertThat(parsed).isNaN();
        }
    }

    @Property
    void agreesWithTheJdkOnDecimalsAsProvidersWriteThem(@ForAll("decimals") String text) {
        assertThat(parse(text)).isEqualTo(Double.parseDouble(text));
    }

    @Property
    void neverThrowsAndAnswersAFiniteNumberOrNaN(@ForAll("numberLikeText") String text) {
        double parsed = parse(text);
        assertThat(Double.isNaN(parsed) || Double.isFinite(parsed)).isTrue();
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<BigDecimal> plain = Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(8);
        return Arbitraries.oneOf(
                plain.map(BigDecimal::toPlainString),
                plain.map(d -> d.stripTrailingZeros().toPlainString()),
                plain.map(d -> d.stripTrailingZeros().toString()));
    }

    @Provide
    Arbitrary<String> numberLikeText() {
        return Arbitraries.strings().withChars("0123456789+-.eE xNaIfinty").ofMaxLength(30);
    }
}
