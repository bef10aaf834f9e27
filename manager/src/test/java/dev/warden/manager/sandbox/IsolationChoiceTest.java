package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.policy.PolicyRule;
import dev.warden.catalog.policy.RuleSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a plugin runs, from what the machine offers, what the policy requires and what was asked for. */
class IsolationChoiceTest {

    static final Path BWRAP = Path.of("/usr/bin/bwrap");
    static final IsolationSupport WITH_BWRAP = new IsolationSupport(IsolationDecision.Verdict.PROCESS, Optional.of(BWRAP), "bubblewrap at /usr/bin/bwrap");
    static final IsolationSupport WITHOUT_BWRAP = new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(),
            "no bwrap on PATH; install bubblewrap for process isolation");
    static final Path SYSTEM_FILE = Path.of("/etc/warden/policy.json");
    static final Path USER_FILE = Path.of("/home/ann/.warden/policy.json");

    static Policy requiring(RuleSource source) {
        return new Policy(List.of(new PolicyRule(PolicyRule.REQUIRES_PROCESS_ISOLATION, "true", source)),
                Map.of(RuleSource.SYSTEM, SYSTEM_FILE, RuleSource.USER, USER_FILE));
    }

    @Test
    void runsInItsOwnProcessWhereBubblewrapWorks() throws Exception {
        IsolationDecision decision = IsolationChoice.decide(WITH_BWRAP, Policy.none(), IsolationRequest.AUTO);

        assertThat(decision.verdict()).isEqualTo(IsolationDecision.Verdict.PROCESS);
        assertThat(decision.require()).isEqualTo(IsolationDecision.Verdict.PROCESS);
        assertThat(decision.bwrap()).contains(BWRAP);
        assertThat(decision.reason()).isEqualTo("bubblewrap at /usr/bin/bwrap");
    }

    @Test
    void fallsBackToInProcessWithTheMachinesReasonWhenPolicyAllowsIt() throws Exception {
        IsolationDecision decision = IsolationChoice.decide(WITHOUT_BWRAP, Policy.none(), IsolationRequest.AUTO);

        assertThat(decision.require()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
        assertThat(decision.bwrap()).isEmpty();
        assertThat(decision.reason()).isEqualTo("no bwrap on PATH; install bubblewrap for process isolation");
    }

    @Test
    void refusesToRunWithoutBubblewrapWhenTheSystemPolicyRequiresProcessIsolation() {
        IsolationDecision decision = IsolationChoice.decide(WITHOUT_BWRAP, requiring(RuleSource.SYSTEM), IsolationRequest.AUTO);

        assertThat(decision.refused()).isTrue();
        assertThat(decision.mode()).isEmpty();
        assertThat(decision.reason()).contains("\"requiresProcessIsolation\": true in the system policy (" + SYSTEM_FILE + ")")
                .contains("no bwrap on PATH; install bubblewrap").contains("stays installed")
                .contains("only whoever manages the system policy can lift the rule");
        assertThatThrownBy(decision::require).isInstanceOf(IsolationRefusedException.class).hasMessage(decision.reason());
    }

    @Test
    void aRuleInThePersonsOwnPolicySaysItCanBeRemoved() {
        IsolationDecision decision = IsolationChoice.decide(WITHOUT_BWRAP, requiring(RuleSource.USER), IsolationRequest.AUTO);

        assertThat(decision.reason()).contains("in the user policy (" + USER_FILE + ")")
                .contains("or the rule is removed from your policy file");
    }

    @Test
    void policyRequiringProcessIsolationChangesNothingWhereBubblewrapWorks() {
        IsolationDecision decision = IsolationChoice.decide(WITH_BWRAP, requiring(RuleSource.SYSTEM), IsolationRequest.AUTO);

        assertThat(decision.mode()).contains(IsolationDecision.Verdict.PROCESS);
    }

    @Test
    void askingForProcessOnAMachineWithoutBubblewrapIsRefusedWithTheMachinesReason() {
        IsolationDecision decision = IsolationChoice.decide(WITHOUT_BWRAP, Policy.none(), IsolationRequest.PROCESS);

        assertThat(decision.refused()).isTrue();
        assertThat(decision.reason()).isEqualTo("process isolation was asked for, but this machine cannot give it: "
                + "no bwrap on PATH; install bubblewrap for process isolation; ask for auto to run in-process instead");
    }

    @Test
    void askingForProcessUnderAPolicyThatRequiresItDoesNotSuggestInProcess() {
        IsolationDecision decision = IsolationChoice.decide(WITHOUT_BWRAP, requiring(RuleSource.SYSTEM), IsolationRequest.PROCESS);

        assertThat(decision.refused()).isTrue();
        assertThat(decision.reason()).doesNotContain("auto");
    }

    @Test
    void askingForInProcessIsHonouredEvenWhereBubblewrapWorks() {
        IsolationDecision decision = IsolationChoice.decide(WITH_BWRAP, Policy.none(), IsolationRequest.IN_PROCESS);

        assertThat(decision.mode()).contains(IsolationDecision.Verdict.IN_PROCESS);
        assertThat(decision.bwrap()).isEmpty();
        assertThat(decision.reason()).startsWith("in-process was asked for").contains("bubblewrap at /usr/bin/bwrap");
    }

    @Test
    void askingForInProcessWhilePolicyRequiresProcessIsRefusedNamingThePolicy() {
        IsolationDecision decision = IsolationChoice.decide(WITH_BWRAP, requiring(RuleSource.SYSTEM), IsolationRequest.IN_PROCESS);

        assertThat(decision.refused()).isTrue();
        assertThat(decision.reason()).isEqualTo("in-process was asked for, but \"requiresProcessIsolation\": true in the system policy ("
                + SYSTEM_FILE + ") requires process isolation; ask for process or auto instead");
    }

    @Test
    void aPolicyRuleThatSaysFalseRequiresNothing() throws Exception {
        Policy relaxed = new Policy(List.of(new PolicyRule(PolicyRule.REQUIRES_PROCESS_ISOLATION, "false", RuleSource.SYSTEM)), Map.of());

        assertThat(IsolationChoice.decide(WITHOUT_BWRAP, relaxed, IsolationRequest.AUTO).require()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
    }

    @Test
    void aDecisionCarriesBubblewrapOnlyForProcessMode() {
        assertThatThrownBy(() -> new IsolationDecision(IsolationDecision.Verdict.REFUSED, Optional.of(BWRAP), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsolationDecision(IsolationDecision.Verdict.PROCESS, Optional.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsolationDecision(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestsAreReadAsTheCommandLineWritesThem() {
        assertThat(IsolationRequest.parse("auto")).isEqualTo(IsolationRequest.AUTO);
        assertThat(IsolationRequest.parse("Process")).isEqualTo(IsolationRequest.PROCESS);
        assertThat(IsolationRequest.parse("in-process")).isEqualTo(IsolationRequest.IN_PROCESS);
        assertThat(IsolationRequest.byId("in_process")).isEmpty();
        assertThatThrownBy(() -> IsolationRequest.parse("sandbox")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'sandbox' is not an isolation mode; use auto, process or in-process");
    }
}
