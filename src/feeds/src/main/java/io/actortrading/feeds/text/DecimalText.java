package io.actortrading.feeds.text;

/**
 * Parses decimal numbers out of a region of a character buffer without allocating.
 *
 * <p>The grammar is deliberately strict, {@code [+-]? digits [. digits]? ([eE] [+-]? digits)?} (a
 * leading or trailing dot with digits on the other side is allowed), because
 * {@link Double#parseDouble} also accepts {@code NaN}, {@code Infinity}, hexadecimal floats, type
 * suffixes such as {@code 1d} and surrounding blanks, none of which is a price a provider means. Text
 * outside the grammar and numbers too large for a double both give {@link Double#NaN}, so a caller
 * needs one check ({@code Double.isNaN}) to reject a field.
 */
public final class DecimalText {

    /** Powers of ten that a double holds exactly: dividing or multiplying by one of them rounds once. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /** Mantissas up to 2^53 convert to double exactly, which the one-rounding fast path needs. */
    private static final long EXACT_MANTISSA_LIMIT = 1L << 53;

    private static final int MAX_EXPONENT_DIGITS = 4;

    private DecimalText() {
    }

    /**
     * The finite number written in {@code text[from, to)}, or {@link Double#NaN} when the region is not
     * a plain decimal number or its value does not fit a double.
     */
    public static double parse(char[] text, int from, int to) {
        int i = from;
        if (i >= to) {
            return Double.NaN;
        }
        boolean negative = false;
        if (text[i] == '+' || text[i] == '-') {
            negative = text[i] == '-';
            i++;
        }
        long mantissa = 0;
        boolean exactMantissa = true;
        int scale = 0;
        int digits = 0;
        while (i < to && isDigit(text[i])) {
            if (mantissa < EXACT_MANTISSA_LIMIT / 10) {
                mantissa = mantissa * 10 + (text[i] - '0');
            } else {
                exactMantissa = false;
            }
            digits++;
            i++;
        }
        if (i < to && text[i] == '.') {
            i++;
            while (i < to && isDigit(text[i])) {
                if (mantissa < EXACT_MANTISSA_LIMIT / 10) {
                    mantissa = mantissa * 10 + (text[i] - '0');
                    scale++;
                } else if (text[i] != '0') {
                    exactMantissa = false;
                }
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < to && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (text[i] == '+' || text[i] == '-')) {
                negativeExponent = text[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            while (i < to && isDigit(text[i])) {
                if (exponentDigits < MAX_EXPONENT_DIGITS) {
                    exponent = exponent * 10 + (text[i] - '0');
                }
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            if (exponentDigits > MAX_EXPONENT_DIGITS) {
                exponent = 99_999;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            return Double.NaN;
        }
        int power = exponent - scale;
        double value;
        if (exactMantissa && power >= -22 && power <= 22) {
            value = power < 0 ? mantissa / EXACT_POWERS_OF_TEN[-power] : mantissa * EXACT_POWERS_OF_TEN[power];
            if (negative) {
                value = -value;
            }
        } else {
            // Rare (more than 15 significant digits or a large exponent): the JDK rounds these correctly.
            value = Double.parseDouble(new String(text, from, to - from));
        }
        return Double.isFinite(value) ? value : Double.NaN;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
