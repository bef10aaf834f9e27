package dev.warden.manager.lifecycle;

import dev.warden.signing.TrustedPublisher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An unverified bundle may not take an id in a namespace a trusted publisher signs for: {@code acme/hello}
 * is acme's as long as you trust acme, whoever made a bundle that claims it. Unverified plugins from
 * marketplaces have ids of their own ({@code unverified-<marketplace>/<name>}) and never meet this.
 */
final class NamespaceCheck {

    private NamespaceCheck() {
    }

    /**
     * @throws RefusalException naming the id and the trusted publisher when {@code intake} is unverified and
     *     its publisher part is a trusted publisher's namespace; the refusal is audited
     */
    static void check(Lifecycle lifecycle, IntakeResult intake) throws Exception {
        if (intake.verified().isPresent()) {
            return;
        }
        String namespace = intake.manifest().publisher();
        List<String> owners = lifecycle.trust().load().publishers().stream()
                .filter(p -> p.entry().covers(namespace)).map(TrustedPublisher::id).toList();
        if (owners.isEmpty()) {
            return;
        }
        String reason = intake.manifest().id() + " from " + intake.source() + " is UNVERIFIED (no key you trust signed it), but '"
                + namespace + "' is the namespace of publisher " + String.join(", ", owners) + ", whom you trust: an"
                + " unverified bundle may not take a trusted publisher's ids. Not installed; if it is really theirs, ask"
                + " them for a signed bundle (or trust the key that signed it)";
        lifecycle.record("install.refused", Optional.of(intake.manifest().id()), Map.of("version",
                intake.manifest().version().toString(), "source", intake.source(), "reason", reason));
        throw new RefusalException(reason);
    }
}
