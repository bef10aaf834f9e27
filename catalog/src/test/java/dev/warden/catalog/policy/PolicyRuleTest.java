package dev.warden.catalog.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyRuleTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "publishers.block   | Evil",
            "marketplaces.allow | My Market",
            "permissions.block  | fs.read relative/**",
            "permissions.block  | files.read",
            "hosts.block        | https://evil.net",
            "minimumVersions    | acme/weather 1.2.0",
            "minimumVersions    | acme/weather>=1.2",
            "killList           | acme",
            "allowUnverified    | yes",
            "noSuchKind         | x",
    })
    void refusesAValueThatIsNotInItsKindsForm(String kind, String value) {
        assertThatThrownBy(() -> new PolicyRule(kind, value, RuleSource.USER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPolicyWithTwoValuesForOneFlag() {
        List<PolicyRule> rules = List.of(new PolicyRule(PolicyRule.ALLOW_UNVERIFIED, "true", RuleSource.SYSTEM),
                new PolicyRule(PolicyRule.ALLOW_UNVERIFIED, "false", RuleSource.USER));

        assertThatThrownBy(() -> new Policy(rules, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowUnverified");
    }

    @Test
    void namesTheSourceWithoutAPathWhenThePolicyWasBuiltInMemory() {
        Policy policy = new Policy(List.of(new PolicyRule(PolicyRule.PUBLISHERS_BLOCK, "evil", RuleSource.SYSTEM)), Map.of());

        assertThat(policy.refusesPublisher("evil")).contains(
                "publisher \"evil\" is blocked by publishers.block of the system policy");
    }
}
