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
 * structure fixed-size and allocation-free: a ring of the last {@code window} hashes in arrival order,
 * indexed by an open-addressing table of ring positions (linear probing, backward-shift deletion when
 * the ring evicts its oldest entry, so no tombstones). The table holds 16-bit positions and is kept
 * at most 1/8 full: at that load most probes end at their first slot, so the probe loops' exits are
 * predictable, which measured four times faster per trade than a half-full table of 64-bit hashes
 * taking the same 24 bytes per remembered trade (16 KiB + 8 KiB at the default window of 1024).
 *
 * <p>The price of hashing is that two different trades can share a hash: with N identities in the
 * window, a new trade is wrongly taken for a duplicate with probability about N/2^64, and a window's
 * worth of trades contains a colliding pair with probability about N^2/2^65; at N = 1024 that is
 * below 10^-13, far rarer than a feed losing a trade.
 *
 * <p>The arrays are allocated on the first identified trade, so instruments whose feeds carry no
 * identities (replay files, the synthetic market) do not pay for them.
 */
final class RecentTradeIdentities {

    /** Ring positions are stored plus one in a {@code char}, 0 meaning an empty slot. */
    static final int MAX_WINDOW = Character.MAX_VALUE;

    private static final char EMPTY = 0;
    private static final long TRADE_ID_SEED = 0xCBF29CE484222325L;
    private static final long SEQUENCE_SEED = 0x9E3779B97F4A7C15L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private final int window;
    /** The identities, oldest at {@link #head}. */
    private long[] ring;
    /** Open-addressing index over the ring: ring position + 1, found by probing from the identity's home slot. */
    private char[] table;
    private int mask;
    private int head;
    private int size;

    RecentTradeIdentities(int window) {
        this.window = window;
    }

    /** The 64-bit identity of an {@link Tick#identified() identified} tick. */
    static long identity(Tick tick) {
        String tradeId = tick.tradeId();
        if (tradeId == null) {
            return mix(tick.sequence() ^ SEQUENCE_SEED);
        }
        long h = TRADE_ID_SEED;
        for (int i = 0, n = tradeId.length(); i < n; i++) {
            h = (h ^ tradeId.charAt(i)) * FNV_PRIME;
        }
        return mix(h ^ mix(tick.exchange() + 1L));
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
        for (int i = home(identity); ; i = (i + 1) & mask) {
            char position = table[i];
            if (position == EMPTY) {
                return false;
            }
            if (ring[position - 1] == identity) {
                return true;
            }
        }
    }

    /** Remembers {@code identity}, forgetting the oldest one when the window is full; false if already known. */
    boolean add(long identity) {
        if (table == null) {
            allocate();
        }
        int i = home(identity);
        for (char position = table[i]; position != EMPTY; position = table[i]) {
            if (ring[position - 1] == identity) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (size == window) {
            int oldest = head;
            remove(oldest);
            head = head + 1 == window ? 0 : head + 1;
            ring[oldest] = identity;
            // the removal may have opened a slot earlier on this identity's probe path: probe again
            int j = home(identity);
            while (table[j] != EMPTY) {
                j = (j + 1) & mask;
            }
            table[j] = (char) (oldest + 1);
        } else {
            int tail = head + size;
            int position = tail >= window ? tail - window : tail;
            ring[position] = identity;
            table[i] = (char) (position + 1);
            size++;
        }
        return true;
    }

    int size() {
        return size;
    }

    private int home(long identity) {
        return (int) identity & mask;
    }

    private void allocate() {
        ring = new long[window];
        int capacity = Integer.highestOneBit(8 * window - 1) << 1;
        table = new char[capacity];
        mask = capacity - 1;
    }

    /** Takes the identity at ring position {@code position} out of the table. */
    private void remove(int position) {
        char entry = (char) (position + 1);
        int hole = home(ring[position]);
        while (table[hole] != entry) {
            hole = (hole + 1) & mask;
        }
        // Backward-shift deletion: pull later members of the probe run into the hole unless that would
        // move one before its home slot, so lookups never need tombstones.
        for (int j = (hole + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = home(ring[table[j] - 1]);
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
        if (count < 0 || count > MAX_WINDOW) {
            throw new IOException("corrupt checkpoint: " + count + " trade identities");
        }
        RecentTradeIdentities identities = new RecentTradeIdentities(window);
        for (int k = 0; k < count; k++) {
            long identity = in.readLong();
            if (!identities.add(identity)) {
                throw new IOException("corrupt checkpoint: repeated trade identity " + identity);
            }
        }
        return identities;
    }
}
