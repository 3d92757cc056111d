package io.actortrading.market.indicators;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a stream of our values with reference values: each must agree to {@link #RELATIVE}
 * relative, or to an absolute floor where the quantity crosses or sits at zero (MACD, OBV, an RSI
 * of a long fall, the standard deviation of a flat window), because relative error means nothing
 * at 0.
 */
final class Agreement {

    static final double RELATIVE = 1e-9;

    private final String what;
    private final double absoluteFloor;
    private int compared;
    private int violations;
    private String firstViolation;
    private double worstRelative;
    private double worstNearZero;

    private Agreement(String what, double absoluteFloor) {
        this.what = what;
        this.absoluteFloor = absoluteFloor;
    }

    /** Pure relative agreement: for quantities that stay away from 0 (prices, ATR). */
    static Agreement relative(String what) {
        return new Agreement(what, 0.0);
    }

    /** Relative agreement, or within 1e-9 absolute where the reference is about 0. */
    static Agreement relativeOrNearZero(String what) {
        return new Agreement(what, 1e-9);
    }

    void check(int index, double ours, double reference) {
        compared++;
        double error = Math.abs(ours - reference);
        boolean agrees = error <= Math.max(RELATIVE * Math.abs(reference), absoluteFloor);
        if (reference != 0.0 && RELATIVE * Math.abs(reference) >= absoluteFloor) {
            worstRelative = Math.max(worstRelative, error / Math.abs(reference));
        } else {
            worstNearZero = Math.max(worstNearZero, error);
        }
        if (!agrees) {
            violations++;
            if (firstViolation == null) {
                firstViolation = "bar " + index + ": ours " + ours + ", reference " + reference;
            }
        }
    }

    /** Asserts that every compared value agreed and that at least {@code minimum} values were compared. */
    void assertAgreed(int minimum) {
        System.out.printf("%-36s %6d values, worst relative error %.1e, worst absolute error near 0 %.1e%n",
                what, compared, worstRelative, worstNearZero);
        assertThat(compared).as("%s: values compared", what).isGreaterThanOrEqualTo(minimum);
        assertThat(violations).as("%s: disagreements, first %s", what, firstViolation).isZero();
    }
}
