package io.actortrading.feeds.text;

/**
 * Parses the timestamps of replay files out of a region of a character buffer without allocating:
 * epoch milliseconds, or ISO-8601 date-times that carry their offset
 * ({@code 2026-03-02T09:30:00-05:00}, {@code 2026-03-02T14:30:00.250Z}).
 *
 * <p>A date-time without an offset is rejected rather than guessed: the same wall-clock time means
 * different instants in New York and in UTC. Accepted beyond the strict ISO form, because recorders
 * write them: a space instead of {@code T}, a comma as the decimal separator, offsets written
 * {@code +0530} or {@code +05}, and seconds left out. Digits below the millisecond are truncated.
 */
public final class TimestampText {

    /** What {@link #parseEpochMillis} answers for text that is not a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    /** Epoch milliseconds have at most 13 digits until the year 2286; 18 keeps the arithmetic in range. */
    private static final int MAX_EPOCH_DIGITS = 18;

    private static final int MAX_OFFSET_HOURS = 18;

    private TimestampText() {
    }

    /** The instant written in {@code text[from, to)} in epoch milliseconds, or {@link #INVALID}. */
    public static long parseEpochMillis(char[] text, int from, int to) {
        if (from >= to) {
            return INVALID;
        }
        boolean allDigits = true;
        for (int i = text[from] == '-' ? from + 1 : from; i < to; i++) {
            if (!DecimalText.isDigit(text[i])) {
                allDigits = false;
                break;
            }
        }
        return allDigits ? parseEpochDigits(text, from, to) : parseIsoOffsetDateTime(text, from, to);
    }

    private static long parseEpochDigits(char[] text, int from, int to) {
        boolean negative = text[from] == '-';
        int start = negative ? from + 1 : from;
        if (start == to || to - start > MAX_EPOCH_DIGITS) {
            return INVALID;
        }
        long value = 0;
        for (int i = start; i < to; i++) {
            value = value * 10 + (text[i] - '0');
        }
        return negative ? -value : value;
    }

    private static long parseIsoOffsetDateTime(char[] text, int from, int to) {
        // yyyy-MM-ddTHH:mm is the shortest date-time: 16 characters, before the offset
        if (to - from < 17) {
            return INVALID;
        }
        int i = from;
        int year = digits(text, i, 4);
        int month = digits(text, i + 5, 2);
        int day = digits(text, i + 8, 2);
        char separator = text[i + 10];
        int hour = digits(text, i + 11, 2);
        int minute = digits(text, i + 14, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || text[i + 4] != '-' || text[i + 7] != '-' || (separator != 'T' && separator != 't' && separator != ' ')
                || hour < 0 || hour > 23 || text[i + 13] != ':' || minute < 0 || minute > 59) {
            return INVALID;
        }
        i += 16;
        int second = 0;
        int millis = 0;
        if (i < to && text[i] == ':') {
            second = i + 3 <= to ? digits(text, i + 1, 2) : -1;
            if (second < 0 || second > 59) {
                return INVALID;
            }
            i += 3;
            if (i < to && (text[i] == '.' || text[i] == ',')) {
                i++;
                int fractionDigits = 0;
                while (i < to && DecimalText.isDigit(text[i])) {
                    if (fractionDigits < 3) {
                        millis = millis * 10 + (text[i] - '0');
                    }
                    fractionDigits++;
                    i++;
                }
                if (fractionDigits == 0 || fractionDigits > 9) {
                    return INVALID;
                }
                for (int d = fractionDigits; d < 3; d++) {
                    millis *= 10;
                }
            }
        }
        int offsetSeconds = parseOffsetSeconds(text, i, to);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        long secondOfEpoch = ((epochDay * 24 + hour) * 60 + minute) * 60 + second - offsetSeconds;
        return secondOfEpoch * 1000 + millis;
    }

    /** {@code Z}, {@code ±HH}, {@code ±HHMM} or {@code ±HH:MM} filling {@code text[i, to)}; MIN_VALUE if not. */
    private static int parseOffsetSeconds(char[] text, int i, int to) {
        int length = to - i;
        if (length == 1 && (text[i] == 'Z' || text[i] == 'z')) {
            return 0;
        }
        if (length < 3 || (text[i] != '+' && text[i] != '-')) {
            return Integer.MIN_VALUE;
        }
        int sign = text[i] == '-' ? -1 : 1;
        int hours = digits(text, i + 1, 2);
        int minutes;
        if (length == 3) {
            minutes = 0;
        } else if (length == 5) {
            minutes = digits(text, i + 3, 2);
        } else if (length == 6 && text[i + 3] == ':') {
            minutes = digits(text, i + 4, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > MAX_OFFSET_HOURS || minutes < 0 || minutes > 59
                || (hours == MAX_OFFSET_HOURS && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    /** The non-negative number written by exactly {@code count} digits at {@code text[at]}, or -1. */
    private static int digits(char[] text, int at, int count) {
        int value = 0;
        for (int k = at; k < at + count; k++) {
            if (!DecimalText.isDigit(text[k])) {
                return -1;
            }
            value = value * 10 + (text[k] - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return isLeapYear(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isLeapYear(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for years 0-9999. */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
