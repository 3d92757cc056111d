package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The window's mean and variance against an exact two-pass computation in BigDecimal, after a long
 * history at BTC-like prices where one-cent moves and flat runs make the variance tiny next to
 * mean^2: the case where plain running sums fall apart.
 */
class RollingWindowTest {

    /** Exact, not rounded: the window length 20 divides a power of ten, so sum/20 terminates. */
    private static BigDecimal[] exactMeanAndVariance(double[] window) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : window) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal n = BigDecimal.valueOf(window.length);
        BigDecimal mean = sum.divide(n);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : window) {
            BigDecimal deviation = new BigDecimal(v).subtract(mean);
            squares = squares.add(deviation.multiply(deviation));
        }
        return new BigDecimal[] {mean, squares.divide(n)};
    }

    private static double ulps(double actual, double expected) {
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / expected;
    }

    @Test
    void meanWithinAnUlpAndVarianceWithinOneInATrillionOfExactAfterALongHistory() {
        int capacity = 20;
        RollingWindow window = new RollingWindow(capacity);
        double[] recent = new double[capacity];
        SplittableRandom random = new SplittableRandom(99);
        double price = 60_000.00;
        double worstMeanUlps = 0;
        double worstVarianceRelative = 0;
        double smallestVarianceRatio = 1;
        int flatWindows = 0;
        int flatLeft = 0;
        for (int i = 0; i < 200_000; i++) {
            if (flatLeft > 0) {
                flatLeft--;
            } else if (random.nextInt(300) == 0) {
                flatLeft = 20 + random.nextInt(60);
            } else if (random.nextInt(4) != 0) {
                price = Math.round((price + (random.nextInt(7) - 3) * 0.01) * 100) / 100.0;
            }
            window.add(price);
            recent[i % capacity] = price;
            if (i >= capacity && i % 97 == 0) {
                BigDecimal[] exact = exactMeanAndVariance(recent);
                double mean = exact[0].doubleValue();
                double variance = exact[1].doubleValue();
                worstMeanUlps = Math.max(worstMeanUlps, ulps(window.mean(), mean));
                if (variance == 0.0) {
                    flatWindows++;
                    assertThat(window.populationVariance()).as("flat window at %d", i).isZero();
                    assertThat(window.mean()).isEqualTo(price);
                } else {
                    worstVarianceRelative = Math.max(worstVarianceRelative, relative(window.populationVariance(), variance));
                    smallestVarianceRatio = Math.min(smallestVarianceRatio, variance / (mean * mean));
                }
            }
        }
        System.out.printf("RollingWindow after 200,000 values: worst mean %.1f ulps, worst variance %.1e relative"
                + " (smallest var/mean^2 %.1e), %d flat windows%n",
                worstMeanUlps, worstVarianceRelative, smallestVarianceRatio, flatWindows);
        assertThat(flatWindows).as("flat windows checked").isPositive();
        assertThat(smallestVarianceRatio).as("the hard case was exercised").isLessThan(1e-14);
        assertThat(worstMeanUlps).isLessThanOrEqualTo(1.0);
        assertThat(worstVarianceRelative).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void aWindowOfOneRepeatedValueHasExactlyThatMeanAndNoVariance() {
        RollingWindow window = new RollingWindow(5);
        for (double v : new double[] {64_000.37, 64_000.38, 0.1, 0.1, 0.1, 0.1, 0.1}) {
            window.add(v);
        }
        assertThat(window.mean()).isEqualTo(0.1);
        assertThat(window.populationVariance()).isZero();
    }
}
