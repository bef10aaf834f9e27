package dev.warden.manager.lifecycle;

import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.policy.PolicyRule;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.StateException;
import dev.warden.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Policy is changed by editing its files, not through Warden, so a change is noticed when it is first read:
 * the rules in force are compared with those of the last audited policy ({@code audit/policy-seen.txt}, one
 * rule a line, kept beside the log it belongs to), and a difference becomes a {@code policy.change} audit entry naming the rules added and removed.
 */
final class PolicyChanges {

    static final String SEEN = "policy-seen.txt";

    private PolicyChanges() {
    }

    /**
     * Audits the difference between {@code policy} and the last audited one, if any, and remembers it.
     * Nothing is written while there are no rules and none were audited.
     *
     * @return whether an entry was written
     * @throws StateException if the entry cannot be written; the policy is then compared again next time
     */
    static boolean record(Lifecycle lifecycle, Policy policy) throws StateException {
        Path home = lifecycle.store().auditDir();
        Path seenFile = home.resolve(SEEN);
        List<String> now = lines(policy);
        Optional<List<String>> seen = read(seenFile);
        if (seen.isEmpty() && now.isEmpty()) {
            return false;
        }
        if (seen.isPresent() && seen.get().equals(now)) {
            return false;
        }
        List<String> before = seen.orElse(List.of());
        List<String> added = new ArrayList<>(now);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("added", added);
        details.put("removed", removed);
        details.put("files", policy.files().values().stream().map(Path::toString).sorted().toList());
        lifecycle.record(AuditEvent.POLICY_CHANGE, Optional.empty(), details);
        try {
            Files.createDirectories(home);
            AtomicFiles.write(seenFile, (String.join("\n", now) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StateException("cannot write " + seenFile + ": " + e.getMessage() + "; check permissions in " + home, e);
        }
        return true;
    }

    /** One line per rule, {@code source kind value}, in the policy's order. */
    private static List<String> lines(Policy policy) {
        List<String> lines = new ArrayList<>();
        for (PolicyRule rule : policy.rules()) {
            lines.add(rule.source().name().toLowerCase(Locale.ROOT) + " " + rule.kind() + " "
                    + rule.value().replace('\n', ' ').replace('\r', ' '));
        }
        return lines;
    }

    private static Optional<List<String>> read(Path file) throws StateException {
        try {
            return Optional.of(Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + e.getMessage() + "; check its permissions", e);
        }
    }
}
