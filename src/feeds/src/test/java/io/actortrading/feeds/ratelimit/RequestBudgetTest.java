package io.actortrading.feeds.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    private static final long T0 = 1_772_460_000_000L;

    @Test
    void polygonFreeGrantsFivePerMinuteThenRefuses() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(5)));

        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryAcquire(1, T0 + i * 1000L)).as("request %d", i).isTrue();
        }

        assertThat(budget.tryAcquire(1, T0 + 59_999)).isFalse();
        assertThat(budget.remaining(T0 + 59_999)).isZero();
    }

    @Test
    void windowResetsOneLengthAfterFirstUse() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(5)));
        budget.tryAcquire(5, T0);

        assertThat(budget.tryAcquire(1, T0 + 59_999)).isFalse();
        assertThat(budget.tryAcquire(1, T0 + 60_000)).isTrue();
        assertThat(budget.remaining(T0 + 60_000)).isEqualTo(4);
        assertThat(budget.remaining(T0 + 120_000)).isEqualTo(5);
    }

    @Test
    void alphaVantageNeedsBothThePerSecondAndThePerDayWindow() {
        RequestBudget budget = new RequestBudget(List.of(Window.perDay(25), Window.perSecond(1)));

        assertThat(budget.tryAcquire(1, T0)).isTrue();
        assertThat(budget.tryAcquire(1, T0 + 999)).as("second window full").isFalse();
        int granted = 1;
        for (int s = 1; s < 100; s++) {
            if (budget.tryAcquire(1, T0 + s * 1000L)) {
                granted++;
            }
        }

        assertThat(granted).as("day window caps").isEqualTo(25);
        assertThat(budget.tryAcquire(1, T0 + Duration.ofDays(1).toMillis() - 1)).isFalse();
        assertThat(budget.tryAcquire(1, T0 + Duration.ofDays(1).toMillis())).isTrue();
    }

    @Test
    void aRefusalByOneWindowSpendsNothingFromTheOthers() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(8), Window.perDay(10)));
        budget.tryAcquire(8, T0);

        assertThat(budget.tryAcquire(3, T0 + 60_000)).as("day has only 2 left").isFalse();

        List<WindowState> states = budget.snapshot(T0 + 60_000);
        assertThat(states.get(0).used()).as("minute window untouched by the refusal").isZero();
        assertThat(states.get(1).used()).isEqualTo(8);
        assertThat(budget.tryAcquire(2, T0 + 60_000)).isTrue();
    }

    @Test
    void twelveDataSpendsSeveralCreditsPerRequest() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(8), Window.perDay(800)));

        assertThat(budget.tryAcquire(5, T0)).isTrue();
        assertThat(budget.remaining(T0)).isEqualTo(3);
        assertThat(budget.tryAcquire(4, T0 + 1)).isFalse();
        assertThat(budget.tryAcquire(3, T0 + 2)).isTrue();
        assertThat(budget.snapshot(T0 + 2)).extracting(WindowState::used).containsExactly(8L, 8L);
    }

    @Test
    void remainingIsTheSmallestAcrossWindows() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(8), Window.perDay(10)));

        assertThat(budget.remaining(T0)).as("before first use").isEqualTo(8);
        budget.tryAcquire(8, T0);
        assertThat(budget.remaining(T0 + 60_000)).as("day window is now the tighter").isEqualTo(2);
    }

    @Test
    void waitForIsZeroWhenTheRequestFitsAndOtherwiseTheTimeToTheBlockingReset() {
        RequestBudget budget = new RequestBudget(List.of(Window.perSecond(1), Window.perMinute(5)));

        assertThat(budget.waitFor(1, T0)).isEqualTo(Duration.ZERO);
        budget.tryAcquire(1, T0);
        assertThat(budget.waitFor(1, T0 + 250)).isEqualTo(Duration.ofMillis(750));
        for (int s = 1; s < 5; s++) {
            budget.tryAcquire(1, T0 + s * 1000L);
        }
        assertThat(budget.waitFor(1, T0 + 4_500)).as("minute window blocks longest")
                .isEqualTo(Duration.ofMillis(55_500));
        assertThat(budget.waitFor(1, T0 + 60_000)).isEqualTo(Duration.ZERO);
    }

    @Test
    void waitForIsNeverWhenCreditsExceedAWindowsWholeLimit() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(8), Window.perDay(800)));

        assertThat(budget.waitFor(9, T0)).isEqualTo(RequestBudget.NEVER);
        assertThat(budget.tryAcquire(9, T0)).isFalse();
        assertThat(budget.remaining(T0)).isEqualTo(8);
    }

    @Test
    void snapshotShowsLimitUsedRemainingAndResetTimePerWindow() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(8), Window.perDay(800)));

        assertThat(budget.snapshot(T0)).containsExactly(
                new WindowState(8, Duration.ofMinutes(1), 0, 8, T0 + 60_000),
                new WindowState(800, Duration.ofDays(1), 0, 800, T0 + 86_400_000));
        budget.tryAcquire(3, T0 + 10_000);

        assertThat(budget.snapshot(T0 + 70_000 + 10_000)).containsExactly(
                new WindowState(8, Duration.ofMinutes(1), 0, 8, T0 + 10_000 + 120_000),
                new WindowState(800, Duration.ofDays(1), 3, 797, T0 + 10_000 + 86_400_000));
    }

    @Test
    void aTimeStampBehindTheNewestWindowCountsInTheNewestWindow() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(2)));
        budget.tryAcquire(2, T0);
        budget.tryAcquire(1, T0 + 60_000);

        assertThat(budget.tryAcquire(1, T0 + 59_000)).isTrue();
        assertThat(budget.tryAcquire(1, T0 + 59_500)).as("late caller may not reopen the old window").isFalse();
    }

    @Test
    void rejectsNonPositiveCredits() {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(5)));

        assertThatThrownBy(() -> budget.tryAcquire(0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.waitFor(-1, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheLimit() throws Exception {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(5)));

        assertThat(grantedConcurrently(budget, 8, 1_000, thread -> 1, attempt -> T0)).isEqualTo(5);
    }

    @Test
    void concurrentCallersAcrossSeveralWindowsGetExactlyTheTightestTotal() throws Exception {
        RequestBudget budget = new RequestBudget(List.of(Window.perSecond(1), Window.perDay(25)));

        assertThat(grantedConcurrently(budget, 8, 200, thread -> 1, attempt -> T0 + attempt * 1000L))
                .isEqualTo(25);
    }

    @Test
    void concurrentMultiCreditCallersSpendTheWholeBudgetAndNoMore() throws Exception {
        RequestBudget budget = new RequestBudget(List.of(Window.perMinute(800), Window.perDay(800)));

        long credits = grantedConcurrently(budget, 4, 1_000, thread -> thread + 2, attempt -> T0);

        assertThat(credits).as("smallest request is 2 credits, so at most 1 is left over").isBetween(799L, 800L);
        assertThat(budget.remaining(T0)).isEqualTo(800 - credits);
    }

    /** Total credits granted to {@code threads} callers released together by one start gate. */
    private static long grantedConcurrently(RequestBudget budget, int threads, int attemptsEach,
            IntToLongFunction creditsOfThread, IntToLongFunction nowOfAttempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch startGate = new CountDownLatch(1);
        AtomicLong granted = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long credits = creditsOfThread.applyAsLong(t);
                done.add(pool.submit(() -> {
                    startGate.await();
                    for (int a = 0; a < attemptsEach; a++) {
                        if (budget.tryAcquire(credits, nowOfAttempt.applyAsLong(a))) {
                            granted.addAndGet(credits);
                        }
                    }
                    return null;
                }));
            }
            startGate.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return granted.get();
    }
}
