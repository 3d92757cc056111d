package io.actortrading.feeds.live;

import io.actortrading.feeds.ratelimit.RequestBudget;
import io.actortrading.feeds.ratelimit.RequestBudgets;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.CircuitBreaker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The two things every request to one provider passes on a node: its circuit breaker (one per
 * source, so the live feed, backfill and warm-up all stop together when it opens) and its request
 * budget (one per provider and API key). Thread-safe: shared by actors and stream stages.
 */
public final class ProviderGate {

    private final ProviderSettings settings;
    private final CircuitBreaker breaker;
    private final RequestBudget budget;
    private final List<Consumer<BreakerState>> listeners = new CopyOnWriteArrayList<>();

    private ProviderGate(ProviderSettings settings, CircuitBreaker breaker, RequestBudget budget) {
        this.settings = settings;
        this.breaker = breaker;
        this.budget = budget;
        breaker.addOnOpenListener(() -> notifyListeners(BreakerState.OPEN));
        breaker.addOnHalfOpenListener(() -> notifyListeners(BreakerState.HALF_OPEN));
        breaker.addOnCloseListener(() -> notifyListeners(BreakerState.CLOSED));
    }

    /** @param budgets the node's budgets: two gates for one provider and key share one budget */
    public static ProviderGate create(ActorSystem<?> system, ProviderSettings settings, RequestBudgets budgets) {
        ProviderSettings.Breaker b = settings.breaker();
        CircuitBreaker breaker = CircuitBreaker.create(system.classicSystem().scheduler(), b.maxFailures(),
                b.callTimeout(), b.resetTimeout());
        RequestBudget budget = settings.rateLimits().isEmpty() ? null
                : budgets.budget(settings.name(), settings.apiKey(), settings.rateLimits());
        return new ProviderGate(settings, breaker, budget);
    }

    public ProviderSettings settings() {
        return settings;
    }

    public String source() {
        return settings.name();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public BreakerState breakerState() {
        if (breaker.isOpen()) {
            return BreakerState.OPEN;
        }
        return breaker.isHalfOpen() ? BreakerState.HALF_OPEN : BreakerState.CLOSED;
    }

    /** Takes {@code credits} from the shared budget if all of them are available now; true when unlimited. */
    public boolean tryAcquire(long credits, long nowMillis) {
        return budget == null || budget.tryAcquire(credits, nowMillis);
    }

    /**
     * How long until one more request fits the budget if nobody else spends: zero when it fits now
     * or the provider is unlimited, {@link RequestBudget#NEVER} when no window can ever hold it.
     */
    public Duration budgetWait(long nowMillis) {
        return budget == null ? Duration.ZERO : budget.waitFor(1, nowMillis);
    }

    /** Requests left in the tightest window, -1 when the provider has no configured limit. */
    public long budgetRemaining(long nowMillis) {
        return budget == null ? -1 : budget.remaining(nowMillis);
    }

    /** Called (on a breaker thread) with every breaker transition; keep the listener cheap. */
    public void onBreakerTransition(Consumer<BreakerState> listener) {
        listeners.add(listener);
    }

    /** Stops calling a listener given to {@link #onBreakerTransition}, e.g. when its actor stops. */
    public void removeBreakerListener(Consumer<BreakerState> listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(BreakerState state) {
        listeners.forEach(listener -> listener.accept(state));
    }
}
