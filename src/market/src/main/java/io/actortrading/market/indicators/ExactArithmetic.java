package io.actortrading.market.indicators;

/**
 * Error-free transformations: the exact rounding error of a double sum or product, itself a double.
 * Keeping that error beside a running total (a double-double, ~106 significant bits) makes long
 * running sums exact enough that their rounding never shows in the double they are read as.
 */
final class ExactArithmetic {

    /** 2^27 + 1: splits a double into two halves whose products are exact (Dekker). */
    private static final double SPLITTER = 134217729.0;

    private ExactArithmetic() {
    }

    /** Knuth's TwoSum: {@code (a + b) - s} exactly, for {@code s = a + b} rounded. */
    static double sumError(double a, double b, double s) {
        double bVirtual = s - a;
        double aVirtual = s - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    /**
     * Dekker's TwoProduct: {@code a * b - p} exactly, for {@code p = a * b} rounded. Used instead of
     * {@link Math#fma} because fma falls back to BigDecimal (allocating) where the CPU lacks it.
     */
    static double productError(double a, double b, double p) {
        double ta = SPLITTER * a;
        double aHi = ta - (ta - a);
        double aLo = a - aHi;
        double tb = SPLITTER * b;
        double bHi = tb - (tb - b);
        double bLo = b - bHi;
        return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
    }
}
