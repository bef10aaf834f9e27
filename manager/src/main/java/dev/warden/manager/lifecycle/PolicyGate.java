package dev.warden.manager.lifecycle;

import dev.warden.api.manifest.Permission;
import dev.warden.api.manifest.PluginManifest;
import dev.warden.catalog.policy.Policy;
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

    /** Call after the review screen showed the findings: hidden characters refuse unless policy allows them. */
    static void checkHiddenCharacters(Policy policy, IntakeResult intake) throws RefusalException {
        if (intake.hasHiddenCharacters() && !policy.allowsHiddenCharacters()) {
            throw new RefusalException(intake.manifest().id() + " hides text or instructions from you (see"
                    + " the static check above); not installed. Policy can allow this with \"allowHiddenCharacters\".");
        }
    }
}
