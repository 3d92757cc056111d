package io.actortrading.node.symbol;

import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.instrument.TradingSession;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Counts the regular-session minutes of an instrument in a span of time, so that a weekend or a night
 * between two bars is not taken for missing data and a warm-up reaches back over them. The session's
 * days are walked one by one in the exchange time zone (DST included): a few java.time objects per
 * day, paid only when a minute starts after a jump, never per tick.
 */
final class SessionMinutes {

    static final long MINUTE_MILLIS = 60_000L;
    /** A warm-up never walks back further than this many days looking for session minutes. */
    private static final int MAX_DAYS_BACK = 31;

    private final ZoneId zone;
    private final TradingSession session;

    SessionMinutes(Instrument instrument) {
        this.zone = instrument.zone();
        this.session = instrument.session();
    }

    /** Session minutes in [from, to). */
    long count(long from, long to) {
        if (to <= from) {
            return 0;
        }
        long minutes = 0;
        LocalDate date = dateOf(from);
        for (long dayStart = startOfDay(date); dayStart < to; date = date.plusDays(1), dayStart = startOfDay(date)) {
            if (session.days().contains(date.getDayOfWeek())) {
                long open = Math.max(from, open(date));
                long close = Math.min(to, close(date));
                if (close > open) {
                    minutes += (close - open) / MINUTE_MILLIS;
                }
            }
        }
        return minutes;
    }

    /** The start of the earliest of the last {@code minutes} session minutes before {@code to}. */
    long startOfLast(long to, int minutes) {
        long needed = minutes;
        LocalDate date = dateOf(to - 1);
        for (int day = 0; day <= MAX_DAYS_BACK && needed > 0; day++, date = date.minusDays(1)) {
            if (!session.days().contains(date.getDayOfWeek())) {
                continue;
            }
            long open = open(date);
            long close = Math.min(to, close(date));
            long available = close > open ? (close - open) / MINUTE_MILLIS : 0;
            if (available >= needed) {
                return close - needed * MINUTE_MILLIS;
            }
            needed -= available;
        }
        return startOfDay(date.plusDays(1));
    }

    private LocalDate dateOf(long t) {
        return Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    }

    private long startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long open(LocalDate date) {
        return session.continuous() ? startOfDay(date)
                : ZonedDateTime.of(date, session.open(), zone).toInstant().toEpochMilli();
    }

    private long close(LocalDate date) {
        return session.continuous() ? startOfDay(date.plusDays(1))
                : ZonedDateTime.of(date, session.close(), zone).toInstant().toEpochMilli();
    }
}
