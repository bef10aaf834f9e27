package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.policy.Policy;
import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.home.WardenHome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Applies policy to a plugin about to be installed or updated; policy holds even with --yes. */
final class PolicyGate {

    private PolicyGate() {
    }

    /**
     * @return the optional permissions policy blocks (never granted), with the reason
     * @throws RefusalException when policy refuses the publisher, the plugin or version, a required
     *     permission, or an unverified bundle
     */
    static Map<Permission, String> check(Policy policy, IntakeResult intake, boolean personAllowsUnverified)
            throws RefusalException {
        PluginManifest manifest = intake.manifest();
        Optional<String> refusal = policy.refusesPublisher(manifest.publisher())
                .or(() -> policy.refusesPlugin(manifest.id(), manifest.version()));
        if (refusal.isPresent()) {
            throw new RefusalException(manifest.id() + " " + manifest.version() + " is refused by policy: " + refusal.get());
        }
        if (intake.verified().isEmpty() && !policy.allowsUnverified()
                && (!personAllowsUnverified || policy.forbidsUnverified())) {
            throw new RefusalException(manifest.id() + " is not signed by a publisher you trust"
                    + (policy.forbidsUnverified() ? ", and policy forbids unverified plugins"
                    : "; install it anyway only if you trust its source, with --allow-unverified"));
        }
        Map<Permission, String> blockedOptional = new LinkedHashMap<>();
        for (Permission p : manifest.permissions()) {
            Optional<String> blocked = policy.refusesPermission(p);
            if (blocked.isPresent() && !p.optional()) {
                throw new RefusalException(manifest.id() + " needs " + p.kind().id() + " " + p.scope()
                        + ", which policy blocks: " + blocked.get());
            }
            blocked.ifPresent(reason -> blockedOptional.put(p, reason));
        }
        return blockedOptional;
    }

    /**
     * Refuses a plugin that asks for a permission aimed into Warden's own state ({@link ProtectedState#aimedAtBy}),
     * whatever policy and the person say: no grant may reach the secrets, grants or trust that decide what plugins get.
     *
     * @throws RefusalException naming the first such permission and what it reaches
     */
    static void checkWardenState(WardenHome home, PluginManifest manifest) throws RefusalException {
        ProtectedState state = home.protectedState();
        for (Permission p : manifest.permissions()) {
            Optional<java.nio.file.Path> reached = state.aimedAtBy(p, home.userHome());
            if (reached.isPresent()) {
                throw new RefusalException(manifest.id() + " " + manifest.version() + " asks for " + p.kind().id() + " "
                        + p.scope() + ", which reaches Warden's own state (" + reached.get() + "); no grant may reach"
                        + " Warden's secrets, grants, trust or policy. Not installed.");
            }
        }
    }

    /** Call after the review screen showed the findings: hidden characters refuse unless policy allows them. */
    static void checkHiddenCharacters(Policy policy, IntakeResult intake) throws RefusalException {
        if (intake.hasHiddenCharacters() && !policy.allowsHiddenCharacters()) {
            throw new RefusalException(intake.manifest().id() + " hides text or instructions from you (see"
                    + " the static check above); not installed. Policy can allow this with \"allowHiddenCharacters\".");
        }
    }
}
