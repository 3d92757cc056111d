package io.actortrading.market.features;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the bars of the pandas golden file (written by src/test/python/features_golden.py; its header
 * says how to rerun it) to {@link FeatureWindow} and compares every value of every vector.
 *
 * <p>Tolerance: 1e-9 relative, no absolute floor. The script's residue audit found that pandas 1.5.3
 * returns an exact 0 wherever a rolling mean or variance is exactly 0, and FeatureWindow replays pandas'
 * online algorithms, so an expected 0 must come out as 0.
 */
class FeatureWindowGoldenTest {

    private static final String GOLDEN = "/features/features_golden.csv";
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int FIRST_FEATURE_COLUMN = 9;

    private static Map<String, List<String[]>> series;

    @BeforeAll
    static void readGolden() throws IOException {
        series = new LinkedHashMap<>();
        try (InputStream stream = FeatureWindowGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(stream).as("golden file %s on the test class path", GOLDEN).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII));
            String header = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = line;
                    assertThat(header.split(",", -1)).endsWith(FeatureWindow.NAMES.toArray(String[]::new));
                    continue;
                }
                String[] cells = line.split(",", -1);
                series.computeIfAbsent(cells[0], name -> new ArrayList<>()).add(cells);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyVectorMatchesPandas() {
        return series.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> assertSeriesMatches(entry.getKey(), entry.getValue())));
    }

    private static void assertSeriesMatches(String name, List<String[]> rows) {
        Instrument instrument = Instrument.infer(rows.get(0)[1]);
        assertThat(instrument.zone().normalized())
                .as("the zone pandas used for %s", name)
                .isEqualTo(ZoneId.of(rows.get(0)[2]).normalized());
        FeatureWindow window = new FeatureWindow(instrument);
        double[] actual = new double[FeatureWindow.SIZE];
        List<String> mismatches = new ArrayList<>();
        double worst = 0.0;
        int exact = 0;
        int compared = 0;
        for (int row = 0; row < rows.size(); row++) {
            String[] cells = rows.get(row);
            window.add(bar(cells));
            boolean computed = window.compute(actual);
            boolean expected = !cells[FIRST_FEATURE_COLUMN].isEmpty();
            assertThat(computed).as("%s row %d: a vector exists", name, row).isEqualTo(expected);
            if (!expected) {
                continue;
            }
            for (int i = 0; i < FeatureWindow.SIZE; i++) {
                double want = Double.parseDouble(cells[FIRST_FEATURE_COLUMN + i]);
                double error = relativeError(actual[i], want);
                compared++;
                if (Double.doubleToLongBits(actual[i]) == Double.doubleToLongBits(want)) {
                    exact++;
                }
                worst = Math.max(worst, error);
                if (!(error <= RELATIVE_TOLERANCE)) {
                    mismatches.add(String.format("row %d %s: pandas %s, FeatureWindow %s (relative error %.3e)",
                            row, FeatureWindow.NAMES.get(i), want, actual[i], error));
                }
            }
        }
        System.out.printf("features golden %-22s %5d values, %5d bit-identical, largest relative error %.3e%n",
                name, compared, exact, worst);
        assertThat(compared).as("%s has vectors to compare", name).isPositive();
        assertThat(mismatches).as("%s values off pandas by more than %.0e relative", name, RELATIVE_TOLERANCE)
                .isEmpty();
    }

    /** The file is only worth something if it holds the awkward cases the script promises. */
    @Test
    void goldenFileCoversTheNumericallyAwkwardCases() {
        List<double[]> vectors = new ArrayList<>();
        for (List<String[]> rows : series.values()) {
            for (String[] cells : rows) {
                if (!cells[FIRST_FEATURE_COLUMN].isEmpty()) {
                    double[] vector = new double[FeatureWindow.SIZE];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = Double.parseDouble(cells[FIRST_FEATURE_COLUMN + i]);
                    }
                    vectors.add(vector);
                }
            }
        }
        assertThat(series).hasSizeGreaterThanOrEqualTo(10);
        assertThat(vectors).hasSizeGreaterThan(1000);
        assertThat(vectors).as("RSI 100: no losses").anyMatch(v -> v[6] == 100.0);
        assertThat(vectors).as("RSI 0 from 0/0 or no gains").anyMatch(v -> v[6] == 0.0);
        assertThat(vectors).as("zero volatility of a flat run").anyMatch(v -> v[5] == 0.0 && v[11] != 0.0);
        assertThat(vectors).as("vwap 0/0 of a window without volume").anyMatch(v -> v[8] == 0.0 && v[11] != 0.0);
        assertThat(vectors).as("volume_ratio 0/0").anyMatch(v -> v[7] == 0.0);
        assertThat(vectors).as("+inf mapped to MAX_VALUE").anyMatch(v -> v[0] == Double.MAX_VALUE);
        assertThat(vectors).as("-inf mapped to -MAX_VALUE").anyMatch(v -> v[1] == -Double.MAX_VALUE);
        assertThat(vectors).as("prices around 0.0001").anyMatch(v -> v[11] > 0 && v[11] < 0.001);
        assertThat(vectors).as("prices around 100000").anyMatch(v -> v[11] > 90_000);
    }

    private static Bar bar(String[] cells) {
        long start = Long.parseLong(cells[3]);
        double open = Double.parseDouble(cells[4]);
        double high = Double.parseDouble(cells[5]);
        double low = Double.parseDouble(cells[6]);
        double close = Double.parseDouble(cells[7]);
        double volume = Double.parseDouble(cells[8]);
        return new Bar(cells[1], Timeframe.M1, start, start + 60_000L, open, high, low, close, volume,
                Bar.typicalPrice(high, low, close), 0L, "golden");
    }

    private static double relativeError(double actual, double expected) {
        if (actual == expected) {
            return 0.0;
        }
        return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
    }
}
