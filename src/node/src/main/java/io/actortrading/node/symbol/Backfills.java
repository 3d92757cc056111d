package io.actortrading.node.symbol;

import java.util.ArrayDeque;

/**
 * A symbol's backfill requests: at most one in flight, the others queued in time order. A gap that
 * follows the last queued window closely enough widens it (one request instead of two); a gap longer
 * than the maximum window is split, and pieces without a session minute are not asked for. Failures
 * are counted per window, for the retry delay and the give-up.
 */
final class Backfills {

    /** A span of minutes to ask for; a warm-up is asked for whole, however long its nights. */
    record Window(long from, long to, boolean warmUp) {
    }

    private final long maxWindowMillis;
    private final SessionMinutes session;
    private final ArrayDeque<Window> queued = new ArrayDeque<>();
    private Window inFlight;
    private int failures;

    Backfills(BackfillSettings settings, SessionMinutes session) {
        this.maxWindowMillis = settings.maxWindow().toMillis();
        this.session = session;
    }

    /** Queues a window; the one to request now, or null while another is in flight. */
    Window add(Window window) {
        if (window.warmUp()) {
            queued.addLast(window);
        } else {
            for (long from = window.from(); from < window.to(); from += maxWindowMillis) {
                long to = Math.min(window.to(), from + maxWindowMillis);
                if (session.count(from, to) > 0) {
                    enqueue(new Window(from, to, false));
                }
            }
        }
        return inFlight == null ? next() : null;
    }

    private void enqueue(Window window) {
        Window last = queued.peekLast();
        if (last != null && !last.warmUp() && window.to() - last.from() <= maxWindowMillis) {
            queued.removeLast();
            queued.addLast(new Window(Math.min(last.from(), window.from()), Math.max(last.to(), window.to()), false));
        } else {
            queued.addLast(window);
        }
    }

    /** Forgets every window: a restarted symbol detects its gaps again from the state it recovers. */
    void clear() {
        queued.clear();
        inFlight = null;
        failures = 0;
    }

    /** The in-flight window is done (filled or given up): the next one to request, or null. */
    Window next() {
        inFlight = queued.pollFirst();
        failures = 0;
        return inFlight;
    }

    boolean isInFlight(long from, long to) {
        return inFlight != null && inFlight.from() == from && inFlight.to() == to;
    }

    Window inFlight() {
        return inFlight;
    }

    /** Counts a failure of the in-flight window; the count so far. */
    int failed() {
        return ++failures;
    }

    /** The earliest minute a pending window starts at, {@link Long#MAX_VALUE} when none is pending. */
    long earliestFrom() {
        long earliest = inFlight == null ? Long.MAX_VALUE : inFlight.from();
        for (Window w : queued) {
            earliest = Math.min(earliest, w.from());
        }
        return earliest;
    }

    /** The span from the earliest pending minute to the latest, or null when nothing is pending. */
    Window pending() {
        if (inFlight == null) {
            return null;
        }
        long to = inFlight.to();
        boolean warmUp = inFlight.warmUp();
        for (Window w : queued) {
            to = Math.max(to, w.to());
            warmUp |= w.warmUp();
        }
        return new Window(earliestFrom(), to, warmUp);
    }
}
