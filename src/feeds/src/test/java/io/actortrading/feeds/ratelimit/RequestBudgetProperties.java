package io.actortrading.feeds.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RequestBudgetProperties {

    private static final long T0 = 1_772_460_000_000L;

    record Step(long advanceMillis, long credits) {
    }

    /**
     * Against a plain model of fixed windows on a grid from the first request that fits every
     * limit (an oversized request starts nothing): every grant and
     * refusal matches the model, remaining matches it, and waitFor is zero exactly when the
     * request is then granted.
     */
    @Property(tries = 300)
    void budgetGrantsExactlyWhatEveryWindowAllows(@ForAll("windows") List<Window> windows,
            @ForAll("steps") List<Step> steps) {
        RequestBudget budget = new RequestBudget(windows);
        long[] modelNumber = new long[windows.size()];
        long[] modelUsed = new long[windows.size()];
        long origin = Long.MIN_VALUE;
        long now = T0;

        for (Step step : steps) {
            now += step.advanceMillis();
            boolean expectedNow = origin == Long.MIN_VALUE
                    ? windows.stream().allMatch(w -> step.credits() <= w.limit())
                    : fitsModel(windows, modelNumber, modelUsed, origin, now, step.credits());
            boolean waitIsZero = budget.waitFor(step.credits(), now).isZero();

            boolean granted = budget.tryAcquire(step.credits(), now);

            assertThat(granted).isEqualTo(expectedNow).isEqualTo(waitIsZero);
            boolean fitsEveryLimit = windows.stream().allMatch(w -> step.credits() <= w.limit());
            if (origin == Long.MIN_VALUE && fitsEveryLimit) {
                origin = now;
            }
            if (granted) {
                for (int i = 0; i < windows.size(); i++) {
                    long n = (now - origin) / windows.get(i).length().toMillis();
                    modelUsed[i] = n == modelNumber[i] ? modelUsed[i] + step.credits() : step.credits();
                    modelNumber[i] = n;
                }
            }
            if (origin == Long.MIN_VALUE) {
                continue;
            }
            long expectedRemaining = Long.MAX_VALUE;
            for (int i = 0; i < windows.size(); i++) {
                long n = (now - origin) / windows.get(i).length().toMillis();
                long used = n == modelNumber[i] ? modelUsed[i] : 0;
                assertThat(used).isLessThanOrEqualTo(windows.get(i).limit());
                expectedRemaining = Math.min(expectedRemaining, windows.get(i).limit() - used);
            }
            assertThat(budget.remaining(now)).isEqualTo(expectedRemaining);
        }
    }

    private static boolean fitsModel(List<Window> windows, long[] number, long[] used, long origin, long now,
            long credits) {
        for (int i = 0; i < windows.size(); i++) {
            long n = (now - origin) / windows.get(i).length().toMillis();
            long u = n == number[i] ? used[i] : 0;
            if (u + credits > windows.get(i).limit()) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<List<Window>> windows() {
        Arbitrary<Window> window = Combinators.combine(
                        Arbitraries.longs().between(1, 20),
                        Arbitraries.longs().between(1, 120).map(Duration::ofSeconds))
                .as(Window::new);
        return window.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.longs().between(0, 30_000),
                        Arbitraries.longs().between(1, 6))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(200);
    }
}
