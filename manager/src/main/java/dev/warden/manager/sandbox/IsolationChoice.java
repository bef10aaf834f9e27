package dev.warden.manager.sandbox;

import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.policy.PolicyRule;
import dev.warden.catalog.policy.RuleSource;
import java.util.Objects;

/**
 * Decides how a plugin runs (DESIGN 6.5): in its own process where bubblewrap works, else in Warden's
 * process, said loudly — unless the policy requires process isolation, which then refuses to run it.
 *
 * <p>The decision is the same for every plugin on one machine under one policy and one request: Warden
 * keeps no per-plugin preference, so "per plugin" means this decision, taken for each plugin as it starts.
 */
public final class IsolationChoice {

    private IsolationChoice() {
    }

    /**
     * @param machine what this machine offers: {@link IsolationSupport#here()}, or a test's own value
     * @param policy  the merged policy; only {@link Policy#requiresProcessIsolation()} matters here
     * @param request what was asked for: {@link IsolationRequest#AUTO} unless someone chose a mode
     * @return process isolation when the machine offers it and in-process was not asked for; in-process
     *     when the machine has no working bubblewrap or in-process was asked for, and policy allows it;
     *     otherwise a refusal that names the missing program or the policy rule and what to do. Never throws.
     * @throws NullPointerException if an argument is null
     */
    public static IsolationDecision decide(IsolationSupport machine, Policy policy, IsolationRequest request) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(request, "request");
        boolean processHere = machine.mode() == IsolationDecision.Verdict.PROCESS;
        boolean required = policy.requiresProcessIsolation();
        switch (request) {
            case IN_PROCESS -> {
                if (required) {
                    return IsolationDecision.refused("in-process was asked for, but " + rule(policy)
                            + " requires process isolation; ask for process or auto instead");
                }
                return IsolationDecision.inProcess("in-process was asked for"
                        + (processHere ? " (this machine offers process isolation: " + machine.reason() + ")" : ""));
            }
            case PROCESS -> {
                if (!processHere) {
                    return IsolationDecision.refused("process isolation was asked for, but this machine cannot give it: " + machine.reason()
                            + (required ? "" : "; ask for auto to run in-process instead"));
                }
                return IsolationDecision.process(machine.bwrap().orElseThrow(), machine.reason());
            }
            default -> {
                if (processHere) {
                    return IsolationDecision.process(machine.bwrap().orElseThrow(), machine.reason());
                }
                if (required) {
                    return IsolationDecision.refused(rule(policy) + " requires process isolation, and this machine cannot give it: "
                            + machine.reason() + ". The plugin stays installed but does not run until bubblewrap works here"
                            + remedy(policy));
                }
                return IsolationDecision.inProcess(machine.reason());
            }
        }
    }

    /** The rule that requires process isolation, and the file it is in; the system file wins when both say so. */
    private static String rule(Policy policy) {
        RuleSource source = source(policy);
        return "\"" + PolicyRule.REQUIRES_PROCESS_ISOLATION + "\": true in the " + source.label() + " policy"
                + policy.file(source).map(f -> " (" + f + ")").orElse("");
    }

    private static String remedy(Policy policy) {
        return source(policy) == RuleSource.SYSTEM ? "; only whoever manages the system policy can lift the rule"
                : ", or the rule is removed from your policy file";
    }

    private static RuleSource source(Policy policy) {
        return policy.rules().stream()
                .filter(r -> r.kind().equals(PolicyRule.REQUIRES_PROCESS_ISOLATION) && r.value().equals("true"))
                .map(PolicyRule::source).min(Enum::compareTo).orElse(RuleSource.SYSTEM);
    }
}
