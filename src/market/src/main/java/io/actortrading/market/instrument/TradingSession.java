package io.actortrading.market.instrument;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Regular trading hours in the exchange time zone. A continuous session trades around the clock
 * every day (crypto). Exchange holidays are not modelled yet: a holiday simply has no data.
 */
public record TradingSession(LocalTime open, LocalTime close, Set<DayOfWeek> days, boolean continuous) {

    public static final TradingSession US_EQUITY_REGULAR = new TradingSession(
            LocalTime.of(9, 30), LocalTime.of(16, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), false);

    public static final TradingSession ALWAYS_OPEN = new TradingSession(
            LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.allOf(DayOfWeek.class), true);

    public TradingSession {
        days = Set.copyOf(days);
        if (!continuous && !open.isBefore(close)) {
            throw new IllegalArgumentException("session must open before it closes: " + open + " - " + close);
        }
    }

    /** Whether a local time on a local day falls inside regular hours: [open, close). */
    public boolean isOpen(DayOfWeek day, LocalTime time) {
        if (!days.contains(day)) {
            return false;
        }
        return continuous || (!time.isBefore(open) && time.isBefore(close));
    }
}
