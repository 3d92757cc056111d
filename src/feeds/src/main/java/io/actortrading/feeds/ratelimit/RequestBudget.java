package io.actortrading.feeds.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A provider's request budget: a set of {@link Window}s that must all allow a request, e.g.
 * Twelve Data's 8 credits per minute and 800 per day. Thread-safe and lock-free, so every actor of
 * a node can share one instance per provider and API key; time is always passed in.
 *
 * <p>Windows are <em>fixed</em>, on a grid that starts at the budget's first use (window
 * {@code n} of length {@code L} covers {@code [origin + n*L, origin + (n+1)*L)}). Fixed windows
 * let each window's state live in one atomic word (window number and credits used), so a
 * request costs one compare-and-set per window and allocates nothing; a sliding log would need
 * one time stamp per credit (800 for a daily limit) updated under a lock. The price is that up to
 * twice a limit can be spent across a window boundary; a provider that counts in sliding windows
 * may then answer 429, which its client already handles with backoff. The grid starts at the
 * first use because the provider's own phase is unknown to us and a fresh node should get a full
 * window rather than a fragment.
 *
 * <p>A request takes its credits from each window in turn and gives them back if a later window
 * refuses. While credits are held that way another caller can be refused although it would fit
 * at the end, which errs on the safe side: the budget may under-grant momentarily, never
 * over-grant. Time stamps slightly behind another caller's are counted in the newer window.
 */
public final class RequestBudget {

    /** What {@link #waitFor} answers for a request larger than some window's whole limit. */
    public static final Duration NEVER = Duration.ofMillis(Long.MAX_VALUE);

    private static final long NOT_STARTED = Long.MIN_VALUE;
    private static final long USED_MASK = 0xFFFF_FFFFL;
    private static final int REFUSED = -1;

    private final List<Window> windows;
    private final long[] limits;
    private final long[] lengthsMillis;
    private final AtomicLongArray states;
    private final AtomicLong origin = new AtomicLong(NOT_STARTED);

    public RequestBudget(List<Window> windows) {
        Objects.requireNonNull(windows, "windows");
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a budget needs at least one window");
        }
        this.windows = List.copyOf(windows);
        this.limits = new long[this.windows.size()];
        this.lengthsMillis = new long[this.windows.size()];
        for (int i = 0; i < limits.length; i++) {
            limits[i] = this.windows.get(i).limit();
            lengthsMillis[i] = this.windows.get(i).length().toMillis();
        }
        this.states = new AtomicLongArray(limits.length);
    }

    public List<Window> windows() {
        return windows;
    }

    /**
     * Takes {@code credits} from every window, or from none if any window lacks them.
     *
     * @throws IllegalArgumentException if {@code credits < 1}
     */
    public boolean tryAcquire(long credits, long nowMillis) {
        requirePositive(credits);
        if (exceedsSomeLimit(credits)) {
            return false;
        }
        return acquireFrom(0, credits, start(nowMillis), nowMillis);
    }

    /** The fewest credits any window has left now: what one more request can spend at most. */
    public long remaining(long nowMillis) {
        long o = origin.get();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < limits.length; i++) {
            fewest = Math.min(fewest, limits[i] - usedNow(i, o, nowMillis));
        }
        return fewest;
    }

    /**
     * How long until {@code tryAcquire(credits, ...)} would succeed if nobody else spends:
     * {@link Duration#ZERO} if it would now, {@link #NEVER} if {@code credits} exceeds some
     * window's whole limit.
     *
     * @throws IllegalArgumentException if {@code credits < 1}
     */
    public Duration waitFor(long credits, long nowMillis) {
        requirePositive(credits);
        if (exceedsSomeLimit(credits)) {
            return NEVER;
        }
        long o = origin.get();
        long longest = 0;
        for (int i = 0; i < limits.length; i++) {
            if (usedNow(i, o, nowMillis) + credits > limits[i]) {
                longest = Math.max(longest, windowEnd(i, o, nowMillis) - nowMillis);
            }
        }
        return Duration.ofMillis(longest);
    }

    /** One {@link WindowState} per window, in the order the windows were given. */
    public List<WindowState> snapshot(long nowMillis) {
        long o = origin.get();
        List<WindowState> states = new ArrayList<>(limits.length);
        for (int i = 0; i < limits.length; i++) {
            long used = usedNow(i, o, nowMillis);
            long resetsAt = o == NOT_STARTED ? nowMillis + lengthsMillis[i] : windowEnd(i, o, nowMillis);
            states.add(new WindowState(limits[i], windows.get(i).length(), used, limits[i] - used, resetsAt));
        }
        return List.copyOf(states);
    }

    @Override
    public String toString() {
        return "RequestBudget" + windows;
    }

    /** Recursion keeps the window numbers taken so far on the stack, so a refusal can give back without allocating. */
    private boolean acquireFrom(int i, long credits, long o, long nowMillis) {
        long taken = take(i, credits, o, nowMillis);
        if (taken == REFUSED) {
            return false;
        }
        if (i + 1 == limits.length || acquireFrom(i + 1, credits, o, nowMillis)) {
            return true;
        }
        giveBack(i, taken, credits);
        return false;
    }

    private long take(int i, long credits, long o, long nowMillis) {
        long current = windowNumber(i, o, nowMillis);
        while (true) {
            long state = states.get(i);
            long number = Math.max(number(state), current);
            long used = number == number(state) ? used(state) : 0;
            if (used + credits > limits[i]) {
                return REFUSED;
            }
            if (states.compareAndSet(i, state, pack(number, used + credits))) {
                return number;
            }
        }
    }

    /** Credits taken in a window that has since ended are not given back: that window's count no longer matters. */
    private void giveBack(int i, long number, long credits) {
        while (true) {
            long state = states.get(i);
            if (number(state) != number
                    || states.compareAndSet(i, state, pack(number, used(state) - credits))) {
                return;
            }
        }
    }

    private long start(long nowMillis) {
        origin.compareAndSet(NOT_STARTED, nowMillis);
        return origin.get();
    }

    private long usedNow(int i, long o, long nowMillis) {
        if (o == NOT_STARTED) {
            return 0;
        }
        long state = states.get(i);
        return number(state) >= windowNumber(i, o, nowMillis) ? used(state) : 0;
    }

    /** The end of the window that counts now: the newer of the stored one and the one {@code nowMillis} falls in. */
    private long windowEnd(int i, long o, long nowMillis) {
        long number = Math.max(number(states.get(i)), windowNumber(i, o, nowMillis));
        return o + (number + 1) * lengthsMillis[i];
    }

    private long windowNumber(int i, long o, long nowMillis) {
        return Math.max(0, Math.floorDiv(nowMillis - o, lengthsMillis[i]));
    }

    private boolean exceedsSomeLimit(long credits) {
        for (long limit : limits) {
            if (credits > limit) {
                return true;
            }
        }
        return false;
    }

    private static void requirePositive(long credits) {
        if (credits < 1) {
            throw new IllegalArgumentException("credits must be at least 1: " + credits);
        }
    }

    private static long pack(long number, long used) {
        return (number << 32) | used;
    }

    private static long number(long state) {
        return state >>> 32;
    }

    private static long used(long state) {
        return state & USED_MASK;
    }
}
