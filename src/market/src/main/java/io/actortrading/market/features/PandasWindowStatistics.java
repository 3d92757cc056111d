package io.actortrading.market.features;

/**
 * The window statistics of pandas 1.5.3 ({@code pandas/_libs/window/aggregations.pyx}), replayed
 * operation for operation over a whole DataFrame column and read at its last row.
 *
 * <p>The model was trained on what pandas computes, not on the exact statistics. pandas' rolling mean
 * and variance are online algorithms: as the window slides over the column, values are added and
 * removed with Kahan-compensated sums and Welford updates, so the last row's result carries the
 * rounding history of every earlier row (after a big jump the rolling variance deviates from the
 * exact one by about 1e-12 relative). Replaying the same operations in the same order on IEEE doubles
 * gives pandas' own bits instead of an approximation of them.
 */
final class PandasWindowStatistics {

    private PandasWindowStatistics() {
    }

    /** {@code pd.Series(values).rolling(window).mean().iloc[-1]}: {@code roll_mean} with min_periods = window. */
    static double rollingMean(double[] values, int window) {
        double sum = 0.0;
        double addCompensation = 0.0;
        double removeCompensation = 0.0;
        long observations = 0;
        long negatives = 0;
        long sameValueRun = 0;
        double previous = values[0];
        for (int i = 0; i < values.length; i++) {
            if (i >= window) {
                double leaving = values[i - window];
                if (leaving == leaving) {
                    observations--;
                    double y = -leaving - removeCompensation;
                    double t = sum + y;
                    removeCompensation = t - sum - y;
                    sum = t;
                    if (signBit(leaving)) {
                        negatives--;
                    }
                }
            }
            double entering = values[i];
            if (entering == entering) {
                observations++;
                double y = entering - addCompensation;
                double t = sum + y;
                addCompensation = t - sum - y;
                sum = t;
                if (signBit(entering)) {
                    negatives++;
                }
                // GH#42064: a window of one repeated value yields that value, free of summation residue
                sameValueRun = entering == previous ? sameValueRun + 1 : 1;
                previous = entering;
            }
        }
        if (observations < window || observations == 0) {
            return Double.NaN;
        }
        double result = sum / observations;
        if (sameValueRun >= observations) {
            return previous;
        }
        if (negatives == 0 && result < 0) {
            return 0.0;
        }
        if (negatives == observations && result > 0) {
            return 0.0;
        }
        return result;
    }

    /**
     * {@code pd.Series(values).rolling(window).std().iloc[-1]} (ddof = 1): {@code roll_var} with
     * min_periods = window, then {@code zsqrt}, which turns a variance driven below 0 by the online
     * updates into 0.
     */
    static double rollingStd(double[] values, int window) {
        double observations = 0.0;
        double mean = 0.0;
        double squaredDeviations = 0.0;
        double addCompensation = 0.0;
        double removeCompensation = 0.0;
        long sameValueRun = 0;
        double previous = values[0];
        for (int i = 0; i < values.length; i++) {
            if (i >= window) {
                double leaving = values[i - window];
                if (leaving == leaving) {
                    observations -= 1.0;
                    if (observations != 0.0) {
                        double previousMean = mean - removeCompensation;
                        double y = leaving - removeCompensation;
                        double t = y - mean;
                        removeCompensation = t + mean - y;
                        mean = mean - t / observations;
                        squaredDeviations = squaredDeviations - (leaving - previousMean) * (leaving - mean);
                    } else {
                        mean = 0.0;
                        squaredDeviations = 0.0;
                    }
                }
            }
            double entering = values[i];
            if (entering == entering) {
                observations += 1.0;
                sameValueRun = entering == previous ? sameValueRun + 1 : 1;
                previous = entering;
                double previousMean = mean - addCompensation;
                double y = entering - addCompensation;
                double t = y - mean;
                addCompensation = t + mean - y;
                mean = mean + t / observations;
                squaredDeviations = squaredDeviations + (entering - previousMean) * (entering - mean);
            }
        }
        double variance;
        if (observations >= Math.max(window, 1) && observations > 1.0) {
            variance = sameValueRun >= observations ? 0.0 : squaredDeviations / (observations - 1.0);
        } else {
            variance = Double.NaN;
        }
        return variance < 0 ? 0.0 : Math.sqrt(variance);
    }

    /**
     * {@code pd.Series(values).ewm(span=span, adjust=True).mean().iloc[-1]}: pandas' {@code ewm} with
     * com = (span - 1) / 2, started at the first row. The values must be finite, which spares the
     * missing-value branches of pandas' loop.
     */
    static double ewmMean(double[] finiteValues, double span) {
        double centerOfMass = (span - 1) / 2;
        double alpha = 1.0 / (1.0 + centerOfMass);
        double oldWeightFactor = 1.0 - alpha;
        double newWeight = 1.0;
        double weighted = finiteValues[0];
        double oldWeight = 1.0;
        for (int i = 1; i < finiteValues.length; i++) {
            double current = finiteValues[i];
            oldWeight *= oldWeightFactor;
            // pandas skips the update on an unchanged value so that a constant series stays exact
            if (weighted != current) {
                weighted = oldWeight * weighted + newWeight * current;
                weighted /= (oldWeight + newWeight);
            }
            oldWeight += newWeight;
        }
        return weighted;
    }

    /** C's {@code signbit}: true for negative numbers and for -0.0, which pandas counts as negative. */
    private static boolean signBit(double value) {
        return Double.doubleToRawLongBits(value) < 0;
    }
}
