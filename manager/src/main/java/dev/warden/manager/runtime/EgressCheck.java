package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.PermissionKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code net.egress} decision for one hop, shared by {@link GrantedHttp} (in-process requests) and
 * {@link EgressProxy} (tunnels out of the sandbox), so both enforce one set of host and address rules.
 * A target passes in two steps: its origin must be granted ({@link #allowedTarget}), then its name is
 * resolved once and every answer checked ({@link #checkedAddress}); the caller connects to the returned
 * address and never looks the name up again. Every refusal is reported to the audit before it is thrown.
 */
final class EgressCheck {

    /** A refused hop, already audited; {@link #reason()} is fit for the audit log and for the plugin. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final String target;
        private final boolean unknownHost;

        Refused(String target, String reason, boolean unknownHost) {
            super(reason);
            this.target = target;
            this.unknownHost = unknownHost;
        }

        /** @return the audit target of the refused hop */
        String target() {
            return target;
        }

        /** @return why the hop was refused */
        String reason() {
            return getMessage();
        }

        /** @return true if the name has no address (not a grant refusal) */
        boolean unknownHost() {
            return unknownHost;
        }
    }

    private final HttpGrants grants;
    private final Resolver resolver;
    private final CapabilityAudit audit;
    private final Function<HttpTarget, String> auditTarget;

    /**
     * @param grants      the plugin's grants
     * @param resolver    the name lookup, called once per {@link #checkedAddress}
     * @param audit       where refusals are reported
     * @param auditTarget how a target is named in the audit log (with its path, or its origin alone)
     */
    EgressCheck(HttpGrants grants, Resolver resolver, CapabilityAudit audit, Function<HttpTarget, String> auditTarget) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.auditTarget = Objects.requireNonNull(auditTarget, "auditTarget");
    }

    /** @return how the target is named in the audit log */
    String auditTarget(HttpTarget target) {
        return auditTarget.apply(target);
    }

    /**
     * Reads the URL strictly ({@link HttpTarget#parse}) and checks its origin against the grants.
     *
     * @throws Refused (audited) if the URL is not one Warden accepts or no {@code net.egress} grant covers it
     */
    HttpTarget allowedTarget(String url) throws Refused {
        HttpTarget target;
        try {
            target = HttpTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw refuse(HttpTarget.refusedTarget(url), e.getMessage(), false);
        }
        if (!grants.allowsOrigin(target)) {
            throw refuse(auditTarget(target), "no net.egress grant covers " + target.origin(), false);
        }
        return target;
    }

    /**
     * Resolves the host once (an IP literal is its own answer) and checks every answer.
     *
     * @return the address to connect to: the first answer
     * @throws Refused (audited) if the name has no address, or an answer is loopback, private, link-local
     *                 or another restricted range the person did not grant by naming it
     */
    InetAddress checkedAddress(HttpTarget target) throws Refused {
        List<InetAddress> answers;
        if (target.literal().isPresent()) {
            answers = List.of(target.literal().get());
        } else {
            try {
                answers = List.copyOf(resolver.resolve(target.host()));
            } catch (UnknownHostException e) {
                answers = List.of();
            }
            if (answers.isEmpty()) {
                throw refuse(auditTarget(target), "unknown host", true);
            }
        }
        for (InetAddress answer : answers) {
            Optional<String> range = HttpAddresses.restrictedRange(answer);
            if (range.isPresent() && !grants.allowsRestricted(target, answer)) {
                throw refuse(auditTarget(target), target.host() + " resolves to " + answer.getHostAddress() + ", a "
                        + range.get() + " address that was not granted", false);
            }
        }
        return answers.get(0);
    }

    private Refused refuse(String target, String reason, boolean unknownHost) {
        audit.record(PermissionKind.NET_EGRESS, target, false, reason);
        return new Refused(target, reason, unknownHost);
    }
}
