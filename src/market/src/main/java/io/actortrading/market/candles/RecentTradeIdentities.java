package io.actortrading.market.candles;

import io.actortrading.market.Tick;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The identities of the last {@code window} applied trades, to recognise a trade a provider sends
 * twice (Polygon re-sends recent trades after a reconnect; two feeds may carry the same print).
 *
 * <p>An identity is a 64-bit hash of the trade id and exchange (trade ids are unique per exchange),
 * or of the sequence number when there is no trade id. Storing hashes instead of strings keeps the
 * structure fixed-size (24 bytes per remembered trade) and allocation-free: a ring of the last {@code window} hashes in arrival order,
 * indexed by an open-addressing table (linear probing, the smallest power of two at least twice the
 * window, so at most half full; backward-shift deletion
 * when the ring evicts its oldest entry). The price of hashing is that two different trades can
 * share a hash: with N identities in the window, a new trade is wrongly taken for a duplicate with
 * probability about N/2^64, and a window's worth of trades contains a colliding pair with
 * probability about N^2/2^65; at N = 1024 that is below 10^-13, far rarer than a feed losing a trade.
 *
 * <p>The arrays are allocated on the first identified trade, so instruments whose feeds carry no
 * identities (replay files, the synthetic market) do not pay for them.
 */
final class RecentTradeIdentities {

    private static final long EMPTY = 0L;
    /** Stands in for a hash that happens to be {@link #EMPTY}. */
    private static final long ZERO_HASH = 0x5DEECE66DL;
    private static final long TRADE_ID_SEED = 0xCBF29CE484222325L;
    private static final long SEQUENCE_SEED = 0x9E3779B97F4A7C15L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private final int window;
    private long[] ring;
    private long[] table;
    private int mask;
    /** Index in {@link #ring} of the oldest identity. */
    private int head;
    private int size;

    RecentTradeIdentities(int window) {
        this.window = window;
    }

    /** The 64-bit identity of an {@link Tick#identified() identified} tick. */
    static long identity(Tick tick) {
        String tradeId = tick.tradeId();
        long h;
        if (tradeId != null) {
            h = TRADE_ID_SEED;
            for (int i = 0, n = tradeId.length(); i < n; i++) {
                h = (h ^ tradeId.charAt(i)) * FNV_PRIME;
            }
            h = mix(h ^ mix(tick.exchange() + 1L));
        } else {
            h = mix(tick.sequence() ^ SEQUENCE_SEED);
        }
        return h == EMPTY ? ZERO_HASH : h;
    }

    /** The MurmurHash3 finalizer: spreads FNV's weak low bits over the whole word for the table index. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    boolean contains(long identity) {
        if (table == null) {
            return false;
        }
        for (int i = (int) identity & mask; ; i = (i + 1) & mask) {
            long k = table[i];
            if (k == identity) {
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
        }
    }

    /** Remembers {@code identity}, forgetting the oldest one when the window is full; false if already known. */
    boolean add(long identity) {
        if (table == null) {
            allocate();
        }
        int i = (int) identity & mask;
        for (long k = table[i]; k != EMPTY; k = table[i]) {
            if (k == identity) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (size == window) {
            long oldest = ring[head];
            remove(oldest);
            ring[head] = identity;
            head = head + 1 == window ? 0 : head + 1;
            // the removal may have shifted a run through slot i; probe again from scratch
            insertAbsent(identity);
        } else {
            table[i] = identity;
            int tail = head + size;
            ring[tail >= window ? tail - window : tail] = identity;
            size++;
        }
        return true;
    }

    int size() {
        return size;
    }

    private void allocate() {
        ring = new long[window];
        int capacity = Integer.highestOneBit(2 * window - 1) << 1;
        table = new long[capacity];
        mask = capacity - 1;
    }

    private void insertAbsent(long identity) {
        int i = (int) identity & mask;
        while (table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[i] = identity;
    }

    private void remove(long identity) {
        int hole = (int) identity & mask;
        while (table[hole] != identity) {
            hole = (hole + 1) & mask;
        }
        // Backward-shift deletion: pull later members of the probe run into the hole unless that would
        // move one before its home slot, so lookups never need tombstones.
        for (int j = (hole + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = (int) table[j] & mask;
            boolean homeInHoleToJ = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeInHoleToJ) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = EMPTY;
    }

    /** Writes the identities oldest first; the table is an index over them and is rebuilt on read. */
    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int k = 0; k < size; k++) {
            int idx = head + k;
            out.writeLong(ring[idx >= window ? idx - window : idx]);
        }
    }

    /** Reads what {@link #write} wrote; keeps the newest {@code window} if the checkpoint held more. */
    static RecentTradeIdentities read(DataInput in, int window) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > CandleSettings.MAX_DUPLICATE_WINDOW) {
            throw new IOException("corrupt checkpoint: " + count + " trade identities");
        }
        RecentTradeIdentities identities = new RecentTradeIdentities(window);
        for (int k = 0; k < count; k++) {
            long identity = in.readLong();
            if (identity == EMPTY || !identities.add(identity)) {
                throw new IOException("corrupt checkpoint: invalid or repeated trade identity " + identity);
            }
        }
        return identities;
    }
}
