package io.actortrading.feeds.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBudgetsTest {

    private static final String KEY = "pk_live_Zq8wY3vT1sKd9Fh2";
    private static final String OTHER_KEY = "pk_live_Aa1bB2cC3dD4eE5f";
    private static final List<Window> POLYGON_FREE = List.of(Window.perMinute(5));
    private static final long T0 = 1_772_460_000_000L;

    @Test
    void sameProviderAndKeyShareOneBudget() {
        RequestBudgets budgets = new RequestBudgets();

        RequestBudget first = budgets.budget("polygon", KEY, POLYGON_FREE);
        RequestBudget second = budgets.budget("polygon", new String(KEY.toCharArray()), POLYGON_FREE);
        first.tryAcquire(5, T0);

        assertThat(second).isSameAs(first);
        assertThat(second.tryAcquire(1, T0)).as("spent through the other handle").isFalse();
    }

    @Test
    void differentKeysOrProvidersGetDifferentBudgets() {
        RequestBudgets budgets = new RequestBudgets();

        RequestBudget polygon = budgets.budget("polygon", KEY, POLYGON_FREE);
        RequestBudget otherKey = budgets.budget("polygon", OTHER_KEY, POLYGON_FREE);
        RequestBudget otherProvider = budgets.budget("twelvedata", KEY, POLYGON_FREE);
        polygon.tryAcquire(5, T0);

        assertThat(otherKey).isNotSameAs(polygon);
        assertThat(otherProvider).isNotSameAs(polygon).isNotSameAs(otherKey);
        assertThat(otherKey.remaining(T0)).isEqualTo(5);
        assertThat(budgets.all()).hasSize(3);
    }

    @Test
    void aSecondConfigurationForTheSameKeyIsRefused() {
        RequestBudgets budgets = new RequestBudgets();
        budgets.budget("polygon", KEY, POLYGON_FREE);

        assertThatThrownBy(() -> budgets.budget("polygon", KEY, List.of(Window.perMinute(100))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RequestBudgets.fingerprint(KEY))
                .hasMessageNotContaining(KEY);
    }

    @Test
    void fingerprintIsAShortStablePrefixOfTheKeysSha256() {
        assertThat(RequestBudgets.fingerprint("abc")).isEqualTo("ba7816bf8f01");
        assertThat(RequestBudgets.fingerprint(KEY)).hasSize(12).isNotEqualTo(RequestBudgets.fingerprint(OTHER_KEY));
    }

    @Test
    void theKeyNeverAppearsInWhatCanBePrinted() {
        RequestBudgets budgets = new RequestBudgets();
        RequestBudget budget = budgets.budget("alphavantage", KEY,
                List.of(Window.perDay(25), Window.perSecond(1)));
        budget.tryAcquire(1, T0);

        assertThat(budgets.toString()).contains("alphavantage", RequestBudgets.fingerprint(KEY)).doesNotContain(KEY);
        assertThat(budget.toString()).doesNotContain(KEY);
        assertThat(budget.snapshot(T0).toString()).doesNotContain(KEY);
        assertThat(budgets.all().toString()).doesNotContain(KEY);
    }
}
