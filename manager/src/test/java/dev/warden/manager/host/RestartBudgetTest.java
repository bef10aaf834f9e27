package dev.warden.manager.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestartBudgetTest {

    private static final long MINUTE = 60_000_000_000L;

    @Test
    void allowsThreeRestartsWithinTenMinutesThenRefuses() {
        RestartBudget budget = new RestartBudget();

        assertThat(budget.take(0)).isTrue();
        assertThat(budget.take(MINUTE)).isTrue();
        assertThat(budget.take(2 * MINUTE)).isTrue();
        assertThat(budget.take(3 * MINUTE)).isFalse();
        assertThat(budget.take(9 * MINUTE)).isFalse();
    }

    @Test
    void aRestartOlderThanTheWindowNoLongerCounts() {
        RestartBudget budget = new RestartBudget();
        budget.take(0);
        budget.take(MINUTE);
        budget.take(2 * MINUTE);

        assertThat(budget.take(10 * MINUTE)).isTrue();
        assertThat(budget.take(10 * MINUTE + 1)).isFalse();
        assertThat(budget.take(11 * MINUTE)).isTrue();
    }
}
