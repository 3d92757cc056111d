package io.actortrading.fakes;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults of one endpoint, switchable at any time from any thread; a change applies to the next
 * request, frame or tick. Each provider answers a fault in its own words:
 *
 * <ul>
 *   <li>{@link #refuseConnections}: HTTP 503 to every request and WebSocket upgrade.</li>
 *   <li>{@link #refuseAuth}: as if the key were wrong (Polygon 401 / {@code auth_failed}, Yahoo 401
 *       "Invalid Crumb", Alpha Vantage's {@code Error Message}, Twelve Data code 401).</li>
 *   <li>{@link #throttle}: the provider's rate-limit reply (Polygon 429 JSON, Yahoo 429 plain text,
 *       Alpha Vantage HTTP 200 {@code Note}, Twelve Data HTTP 200 code 429; on the WebSockets Polygon's
 *       {@code max_connections} and Twelve Data's code 429 error, then close).</li>
 *   <li>{@link #serverError}: HTTP 500 with a body, also to WebSocket upgrades.</li>
 *   <li>{@link #stall}: HTTP requests get no answer until the stall is lifted or the fakes close; a
 *       WebSocket stays open and sends no frame at all.</li>
 *   <li>{@link #silence}: a WebSocket sends no data (what happens meanwhile is lost) but still answers
 *       auth, subscriptions and heartbeats.</li>
 *   <li>{@link #garbage}: HTTP 200 with a body that is not valid JSON; WebSocket data frames replaced by
 *       random characters or truncated JSON.</li>
 *   <li>{@link #notEntitled}: the provider's plan refusal (Polygon 403 {@code NOT_AUTHORIZED} and on the
 *       socket {@code auth_failed} naming the plan, Alpha Vantage's premium {@code Information}, Twelve
 *       Data code 403, every Twelve Data WebSocket symbol in {@code fails}). Yahoo has no plans.</li>
 * </ul>
 */
public final class FakeFaults {

    private final FakeEndpoint endpoint;
    private final Set<FakeFault> active = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> connectionDrops = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<Void> stallLifted = CompletableFuture.completedFuture(null);

    FakeFaults(FakeEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public FakeEndpoint endpoint() {
        return endpoint;
    }

    /** Closes every open WebSocket connection of the endpoint now; new ones are accepted as before. */
    public void dropConnections() {
        for (Runnable drop : Set.copyOf(connectionDrops)) {
            drop.run();
        }
    }

    public FakeFaults refuseConnections(boolean on) {
        return set(FakeFault.REFUSE_CONNECTIONS, on);
    }

    public FakeFaults refuseAuth(boolean on) {
        return set(FakeFault.REFUSE_AUTH, on);
    }

    public FakeFaults throttle(boolean on) {
        return set(FakeFault.THROTTLE, on);
    }

    public FakeFaults serverError(boolean on) {
        return set(FakeFault.SERVER_ERROR, on);
    }

    public FakeFaults stall(boolean on) {
        return set(FakeFault.STALL, on);
    }

    public FakeFaults silence(boolean on) {
        return set(FakeFault.SILENCE, on);
    }

    public FakeFaults garbage(boolean on) {
        return set(FakeFault.GARBAGE, on);
    }

    /** @throws UnsupportedOperationException for Yahoo, which has no plans to refuse */
    public FakeFaults notEntitled(boolean on) {
        return set(FakeFault.NOT_ENTITLED, on);
    }

    /**
     * Switches one fault.
     *
     * @throws UnsupportedOperationException for {@link FakeFault#NOT_ENTITLED} on an endpoint without plans
     */
    public synchronized FakeFaults set(FakeFault fault, boolean on) {
        if (fault == FakeFault.NOT_ENTITLED && !endpoint.hasEntitlements()) {
            throw new UnsupportedOperationException(endpoint.wireName() + " has no plans to refuse");
        }
        if (!on) {
            active.remove(fault);
            if (fault == FakeFault.STALL) {
                stallLifted.complete(null);
            }
            return this;
        }
        if (fault == FakeFault.STALL && !active.contains(fault)) {
            stallLifted = new CompletableFuture<>();
        }
        active.add(fault);
        return this;
    }

    /** Switches every fault off; stalled requests are answered. */
    public synchronized void clear() {
        active.clear();
        stallLifted.complete(null);
    }

    public boolean active(FakeFault fault) {
        return active.contains(fault);
    }

    /** The faults switched on, in declaration order. */
    public Set<FakeFault> active() {
        EnumSet<FakeFault> faults = EnumSet.noneOf(FakeFault.class);
        faults.addAll(active);
        return Collections.unmodifiableSet(faults);
    }

    /** Completes when no stall holds requests back (at once when there is none). */
    CompletionStage<Void> stallLifted() {
        return stallLifted;
    }

    /** Registers how to drop one open connection; the returned action deregisters it. */
    Runnable onDrop(Runnable drop) {
        connectionDrops.add(drop);
        return () -> connectionDrops.remove(drop);
    }

    int openConnections() {
        return connectionDrops.size();
    }
}
