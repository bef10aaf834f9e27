package dev.warden.manager.lifecycle;

import dev.warden.catalog.state.AuditEvent;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.manager.mcpb.McpbImport;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.TrustedPublisher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An unverified bundle may not take an id in a namespace a trusted publisher signs for: {@code acme/hello}
 * is acme's as long as you trust acme, whoever made a bundle that claims it. Unverified plugins from
 * marketplaces have ids of their own ({@code unverified-<marketplace>/<name>}), which no other source may take;
 * plugins made from MCPB files take {@code unverified-mcpb/<name>}.
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
        if (namespace.startsWith(PublisherEntry.UNVERIFIED_PREFIX)) {
            Optional<String> marketplace = Provenance.isMcpb(intake.source())
                    ? Optional.of(McpbImport.SOURCE) : Provenance.marketplaceOf(intake.source());
            if (marketplace.isEmpty() || !UnverifiedNamespace.of(marketplace.get()).equals(namespace)) {
                refuse(lifecycle, intake, intake.manifest().id() + " from " + intake.source() + " is UNVERIFIED and its id"
                        + " claims the namespace of marketplace '" + namespace.substring(PublisherEntry.UNVERIFIED_PREFIX.length())
                        + "', which did not offer it: only that marketplace's plugins get ids under '" + namespace
                        + "'. Not installed");
            }
            return;
        }
        List<String> owners = lifecycle.trust().load().publishers().stream()
                .filter(p -> p.entry().covers(namespace)).map(TrustedPublisher::id).toList();
        if (owners.isEmpty()) {
            return;
        }
        String reason = intake.manifest().id() + " from " + intake.source() + " is UNVERIFIED (no key you trust signed it), but '"
                + namespace + "' is the namespace of publisher " + String.join(", ", owners) + ", whom you trust: an"
                + " unverified bundle may not take a trusted publisher's ids. Not installed; if it is really theirs, ask"
                + " them for a signed bundle (or trust the key that signed it)";
        refuse(lifecycle, intake, reason);
    }

    private static void refuse(Lifecycle lifecycle, IntakeResult intake, String reason) throws Exception {
        lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(intake.manifest().id()), Map.of("version",
                intake.manifest().version().toString(), "source", intake.source(), "reason", reason));
        throw new RefusalException(reason);
    }
}
