package io.actortrading.node.symbol;

import io.actortrading.market.Bar;
import io.actortrading.market.Timeframe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * What a backfill rebuilds from: a few checkpoints of a symbol's {@link BarHistory} and every minute
 * closed since the oldest of them. A checkpoint is taken before a minute is applied, at most once per
 * interval of market time; the last two are kept, and an older one while a pending backfill still
 * needs it. Not in the snapshot: a recovering symbol takes them again from the events it replays.
 */
final class RebuildCheckpoints {

    /**
     * @param takenBefore start of the minute that was about to be applied, {@link Long#MIN_VALUE} for the
     *                    state a symbol recovered
     * @param lastMinute  start of the last minute the state holds, {@link Long#MIN_VALUE} if none
     */
    record Checkpoint(long takenBefore, long lastMinute, byte[] state) {
    }

    /**
     * A merge: the checkpoint to rewind to and every minute to re-apply after it, in time order.
     *
     * @param unmergedMinutes backfilled minutes that lie before every checkpoint and stay missing
     */
    record Merge(Checkpoint from, List<Bar> minutes, int unmergedMinutes) {
    }

    private static final int KEPT = 2;

    private final long intervalMillis;
    private final ArrayDeque<Checkpoint> checkpoints = new ArrayDeque<>();
    private final ArrayDeque<Bar> minutes = new ArrayDeque<>();
    /** A pending backfill starts here: the checkpoint before it is kept until it is done. */
    private long neededBefore = Long.MAX_VALUE;

    RebuildCheckpoints(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Starts over from one checkpoint and the minutes closed after it. */
    void reset(Checkpoint checkpoint, List<Bar> closedSince) {
        checkpoints.clear();
        minutes.clear();
        checkpoints.add(checkpoint);
        minutes.addAll(closedSince);
    }

    /** The last minute the oldest checkpoint holds: a merge rewinds no further; {@link Long#MAX_VALUE} without one. */
    long oldestLastMinute() {
        return checkpoints.isEmpty() ? Long.MAX_VALUE : checkpoints.peekFirst().lastMinute();
    }

    boolean isEmpty() {
        return checkpoints.isEmpty();
    }

    boolean due(long minuteStart) {
        if (checkpoints.isEmpty()) {
            return true;
        }
        long last = checkpoints.peekLast().takenBefore();
        return last == Long.MIN_VALUE || minuteStart - last >= intervalMillis;
    }

    void add(Checkpoint checkpoint) {
        checkpoints.addLast(checkpoint);
        prune();
    }

    /** A 1-minute bar the history closed live. */
    void minuteClosed(Bar minute) {
        if (!checkpoints.isEmpty()) {
            minutes.addLast(minute);
        }
    }

    /** Keeps the checkpoint that a backfill starting at {@code from} rewinds to; {@link Long#MAX_VALUE} when none is pending. */
    void keepFor(long from) {
        neededBefore = from;
        prune();
    }

    private void prune() {
        while (checkpoints.size() > KEPT) {
            Iterator<Checkpoint> it = checkpoints.iterator();
            it.next();
            if (it.next().lastMinute() >= neededBefore) {
                break;
            }
            checkpoints.removeFirst();
        }
        long oldest = checkpoints.isEmpty() ? Long.MAX_VALUE : checkpoints.peekFirst().lastMinute();
        while (!minutes.isEmpty() && minutes.peekFirst().start() <= oldest) {
            minutes.removeFirst();
        }
    }

    /**
     * The merge of {@code backfilled} into the minutes kept: inside [from, to) a backfilled minute replaces
     * the one kept (a partial boundary minute), elsewhere the kept minutes stay. It rewinds to the newest
     * checkpoint before {@code from}, else to the oldest one, leaving out what lies before it. Null when
     * there is no checkpoint.
     */
    Merge merge(String symbol, long from, long to, List<Bar> backfilled) {
        Checkpoint base = null;
        for (Checkpoint c : checkpoints) {
            if (c.lastMinute() < from) {
                base = c;
            }
        }
        if (base == null) {
            base = checkpoints.peekFirst();
        }
        if (base == null) {
            return null;
        }
        long after = base.lastMinute();
        TreeMap<Long, Bar> merged = new TreeMap<>();
        for (Bar kept : minutes) {
            if (kept.start() > after) {
                merged.put(kept.start(), kept);
            }
        }
        int unmerged = 0;
        TreeMap<Long, Bar> window = new TreeMap<>();
        for (Bar bar : backfilled) {
            if (bar != null && bar.timeframe() == Timeframe.M1 && symbol.equals(bar.symbol())
                    && bar.start() >= from && bar.start() < to) {
                window.putIfAbsent(bar.start(), bar);
            }
        }
        for (Bar bar : window.values()) {
            if (bar.start() > after) {
                merged.put(bar.start(), bar);
            } else if (bar.start() > from) {
                unmerged++;
            }
        }
        return new Merge(base, new ArrayList<>(merged.values()), unmerged);
    }
}
