package dev.warden.manager.cli;

import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.policy.PolicyRule;
import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Show the policy in force.", "",
            "Policy comes from $WARDEN_SYSTEM_DIR/policy.json (managed; default /etc/warden) and then",
            "$WARDEN_HOME/policy.json; a managed rule beats a user rule. Policy applies even with --yes."},
        subcommands = PolicyCommand.Show.class)
final class PolicyCommand extends CommandGroup {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every rule in force and where it comes from.")
    static final class Show extends JsonCommand {

        @Override
        int execute() throws Exception {
            Policy policy = lifecycle().policy();
            if (json) {
                List<Map<String, Object>> rules = new ArrayList<>();
                for (PolicyRule rule : policy.rules()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("rule", rule.kind());
                    row.put("value", rule.value());
                    row.put("source", rule.source().name().toLowerCase(Locale.ROOT));
                    rules.add(row);
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("systemFile", home().systemDir().resolve("policy.json").toString());
                result.put("userFile", home().root().resolve("policy.json").toString());
                result.put("rules", rules);
                return printJson(result);
            }
            out().println("Policy files: " + home().systemDir().resolve("policy.json") + " (managed), "
                    + home().root().resolve("policy.json") + " (yours)");
            if (policy.rules().isEmpty()) {
                out().println("No rules: any trusted publisher's plugins may be installed after your review.");
            }
            for (PolicyRule rule : policy.rules()) {
                out().printf("  %-8s %-24s %s%n", rule.source().name().toLowerCase(Locale.ROOT), rule.kind(),
                        UnsafeCharacters.escape(rule.value()));
            }
            return ExitCode.OK;
        }
    }
}
