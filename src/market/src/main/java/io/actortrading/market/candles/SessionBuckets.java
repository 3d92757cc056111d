package io.actortrading.market.candles;

import io.actortrading.market.Timeframe;
import io.actortrading.market.instrument.Instrument;
import io.actortrading.market.instrument.TradingSession;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The buckets of each timeframe for one instrument: aligned to the clock in the exchange time zone
 * and intersected with the regular session. A US equity's first hourly bar is therefore
 * [09:30, 10:00) New York time and its daily bar [09:30, 16:00); an always-open instrument in UTC
 * gets plain UTC clock buckets and the UTC day.
 *
 * <p>Intraday buckets are clock buckets under the UTC offset in force at the instant, cut at the
 * offset's transitions. Converting through local time rather than adding fixed lengths to epoch
 * milliseconds is what keeps a DST switch day right: on a 25-hour day the repeated local hour becomes
 * two hourly buckets of 60 minutes each, on a 23-hour day the skipped hour simply has no bucket, and
 * a 30-minute DST shift (Lord Howe) yields a half-hour bucket instead of an overlapping one. The daily
 * bucket is the local day (or the day's session) and so lasts 23 or 25 hours on switch days.
 *
 * <p>This is the slow path (it allocates java.time objects); the aggregator caches the bounds it
 * gets here so that a tick only compares longs.
 */
final class SessionBuckets {

    /** 1970-01-01T00:00Z: no provider reports trades before the epoch; earlier times are garbage. */
    static final long EARLIEST = 0L;
    /** 9999-12-31T23:59:59.999Z: keeps every bucket computation inside java.time's and long's range. */
    static final long LATEST = 253_402_300_799_999L;

    private static final long MINUTE_MILLIS = 60_000L;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final TradingSession session;

    SessionBuckets(Instrument instrument) {
        this.zone = instrument.zone();
        this.rules = zone.getRules();
        this.session = instrument.session();
    }

    static boolean isPlausibleTime(long t) {
        return t >= EARLIEST && t <= LATEST;
    }

    /**
     * The bucket of {@code tf} that contains {@code t}, or the out-of-session stretch around it.
     * {@code t} must be {@link #isPlausibleTime plausible}.
     */
    Bucket locate(Timeframe tf, long t) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochMilli(t));
        long offsetMillis = offset.getTotalSeconds() * 1_000L;
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(t + offsetMillis, 86_400_000L));
        long dayStart = startOfDay(date);
        long dayEnd = startOfDay(date.plusDays(1));
        if (t >= dayEnd) {
            // The clocks went back across midnight (St. John's went from 00:01 to 23:01 until 2011):
            // t shows yesterday's date after today began. Days are the spans between first midnights,
            // so that they tile the timeline; t belongs to the day that has begun.
            date = date.plusDays(1);
            dayStart = dayEnd;
            dayEnd = startOfDay(date.plusDays(1));
        }
        if (!session.days().contains(date.getDayOfWeek())) {
            return new Bucket(dayStart, dayEnd, false);
        }
        long open = session.continuous() ? dayStart : at(date, session.open());
        long close = session.continuous() ? dayEnd : at(date, session.close());
        if (t < open) {
            return new Bucket(dayStart, open, false);
        }
        if (t >= close) {
            return new Bucket(close, dayEnd, false);
        }
        if (tf == Timeframe.D1) {
            return new Bucket(open, close, true);
        }
        long size = tf.nominal().toMinutes() * MINUTE_MILLIS;
        long localStart = Math.floorDiv(t + offsetMillis, size) * size;
        long start = Math.max(localStart - offsetMillis, open);
        long end = Math.min(localStart - offsetMillis + size, close);
        ZoneOffsetTransition before = rules.previousTransition(Instant.ofEpochMilli(t + 1));
        if (before != null) {
            start = Math.max(start, before.getInstant().toEpochMilli());
        }
        ZoneOffsetTransition after = rules.nextTransition(Instant.ofEpochMilli(t));
        if (after != null) {
            end = Math.min(end, after.getInstant().toEpochMilli());
        }
        return new Bucket(start, end, true);
    }

    /** The first instant of a local date: its first midnight, or the end of a gap that swallowed midnight. */
    private long startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** A local time on a local date; one that a DST gap skipped is moved past the gap. */
    private long at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant().toEpochMilli();
    }
}
