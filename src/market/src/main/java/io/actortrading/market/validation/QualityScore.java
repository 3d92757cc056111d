package io.actortrading.market.validation;

import io.actortrading.market.Checkpointable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How trustworthy one symbol's data has been lately: the exponentially weighted share of accepted
 * events (stale ones count as accepted), in [0, 1], plus a counter per {@link Verdict}.
 *
 * <p>The share is normalised by the weights seen so far (like pandas' {@code ewm(adjust=True)}), so it
 * is the actual weighted share from the first event on instead of drifting from an arbitrary start
 * value. With no events yet it is 1: there is no evidence against the data. Allocation-free; not
 * thread-safe (one actor owns it).
 */
public final class QualityScore implements Checkpointable {

    /** Half of the score's weight lies on the last 100 events. */
    public static final double DEFAULT_HALF_LIFE_EVENTS = 100.0;

    private static final int STATE_FORMAT = 1;
    private static final Verdict[] VERDICTS = Verdict.values();

    private final double decay;
    private double acceptedWeight;
    private double totalWeight;
    private final long[] counts = new long[VERDICTS.length];

    public QualityScore() {
        this(DEFAULT_HALF_LIFE_EVENTS);
    }

    /** @param halfLifeEvents after how many events an event's weight has halved */
    public QualityScore(double halfLifeEvents) {
        if (!(halfLifeEvents > 0) || Double.isInfinite(halfLifeEvents)) {
            throw new IllegalArgumentException("halfLifeEvents must be positive and finite, got " + halfLifeEvents);
        }
        this.decay = Math.pow(0.5, 1.0 / halfLifeEvents);
    }

    /** Counts one verdict (never null) and moves the score towards 1 if it was accepted, else towards 0. */
    public void record(Verdict v) {
        counts[v.ordinal()]++;
        acceptedWeight = acceptedWeight * decay + (v.accepted() ? 1.0 : 0.0);
        totalWeight = totalWeight * decay + 1.0;
    }

    /** The weighted share of accepted events, 1 before any event. */
    public double score() {
        return totalWeight == 0.0 ? 1.0 : acceptedWeight / totalWeight;
    }

    public long count(Verdict v) {
        return counts[v.ordinal()];
    }

    /** Events recorded, whatever their verdict. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** Counters are written with their verdict's name, so that adding a verdict keeps old snapshots readable. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_FORMAT);
        out.writeLong(Double.doubleToRawLongBits(acceptedWeight));
        out.writeLong(Double.doubleToRawLongBits(totalWeight));
        out.writeInt(VERDICTS.length);
        for (Verdict verdict : VERDICTS) {
            out.writeUTF(verdict.name());
            out.writeLong(counts[verdict.ordinal()]);
        }
    }

    /** Reads everything before replacing anything, so a corrupt snapshot leaves the score as it was. */
    @Override
    public void readState(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != STATE_FORMAT) {
            throw new IOException("unknown quality score state format " + format);
        }
        double readAccepted = Double.longBitsToDouble(in.readLong());
        double readTotal = Double.longBitsToDouble(in.readLong());
        int entries = in.readInt();
        if (entries < 0 || entries > VERDICTS.length) {
            throw new IOException("quality score state holds " + entries + " counters, " + VERDICTS.length + " verdicts exist");
        }
        long[] readCounts = new long[VERDICTS.length];
        for (int i = 0; i < entries; i++) {
            String name = in.readUTF();
            long count = in.readLong();
            Verdict verdict;
            try {
                verdict = Verdict.valueOf(name);
            } catch (IllegalArgumentException unknown) {
                throw new IOException("quality score state counts an unknown verdict " + name, unknown);
            }
            readCounts[verdict.ordinal()] = count;
        }
        acceptedWeight = readAccepted;
        totalWeight = readTotal;
        System.arraycopy(readCounts, 0, counts, 0, counts.length);
    }
}
