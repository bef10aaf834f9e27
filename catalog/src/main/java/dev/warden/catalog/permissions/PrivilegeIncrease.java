package dev.warden.catalog.permissions;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Risk;
import dev.warden.catalog.manifest.PermissionText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a person must approve before a version of a plugin may run, following Chrome's model
 * (DESIGN §4): the comparison is with the <em>granted</em> set — everything the person ever approved
 * for the plugin — so a permission dropped in one version and re-added later needs no new approval
 * from a person who granted it, and does from a person who never did.
 *
 * <p>Rules for an update:
 * <ul>
 *   <li>A required permission that no granted permission {@linkplain PermissionCoverage#covers covers}
 *       needs consent when its risk is {@link Risk#MEDIUM} or more; it is {@link ChangeKind#WIDENED_SCOPE}
 *       when a narrower permission of the same kind was granted, else {@link ChangeKind#NEW_PERMISSION}.
 *       Below {@code MEDIUM} it is listed and granted without asking. This holds even for a permission
 *       the installed version already asked for: what counts is what the person granted.</li>
 *   <li>A required permission that the granted set covers but the installed version did not ask for
 *       is listed, without consent, among {@link UpdateReview#grantedWithoutAsking()}.</li>
 *   <li>Optional permissions never force review and are never granted here: a new one is listed for
 *       information, and the plugin asks for it when it needs it.</li>
 *   <li>A new connector, or a connector whose description changed, needs consent: the description is
 *       what the model reads and what the gateway pins. A changed input schema is listed for
 *       information only: it shapes what the agent sends, grants the plugin nothing, and changes in most
 *       releases, so asking each time would teach people to approve without reading.</li>
 *   <li>An added or changed MCP server in {@code mcpServers} needs consent; the values are compared as
 *       parsed JSON, not as text. Only the field in {@code plugin.json} is seen here: when it names a
 *       {@code .mcp.json} file, the caller compares that file's content the same way.</li>
 *   <li>Removed permissions, connectors and MCP servers are listed for information.</li>
 *   <li>Reordering, and changing only a reason, changes nothing.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class PrivilegeIncrease {


    private static final Risk CONSENT_THRESHOLD = Risk.MEDIUM;
    private static final Risk CONNECTOR_RISK = Risk.MEDIUM;

    private PrivilegeIncrease() {
    }

    /**
     * Compares what the person granted and the installed version with an update.
     *
     * @param installed the manifest of the installed version
     * @param granted   every permission the person ever approved for this plugin, possibly empty
     * @param update    the manifest of the offered version
     * @return the review; {@link UpdateReview#needsConsent()} tells whether the update must wait for approval
     * @throws NullPointerException if an argument is null
     */
    public static UpdateReview between(PluginManifest installed, Collection<Permission> granted, PluginManifest update) {
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(update, "update");
        List<PermissionChange> changes = new ArrayList<>();
        Set<String> installedKeys = new HashSet<>();
        installed.permissions().forEach(p -> installedKeys.add(key(p)));
        Set<String> updateKeys = new HashSet<>();
        for (Permission p : update.permissions()) {
            if (updateKeys.add(key(p))) {
                permissionChange(p, granted, installedKeys.contains(key(p))).ifPresent(changes::add);
            }
        }
        Set<String> removed = new HashSet<>();
        for (Permission p : installed.permissions()) {
            if (!updateKeys.contains(key(p)) && removed.add(key(p))) {
                changes.add(new PermissionChange(ChangeKind.PERMISSION_REMOVED, key(p),
                        "no longer asks to: " + PermissionText.describe(p), Risk.NONE, false, Optional.of(p)));
            }
        }
        changes.addAll(connectorChanges(installed, update));
        changes.addAll(McpServers.diff(installed.claudeField(McpServers.FIELD), update.claudeField(McpServers.FIELD)));
        return review(changes);
    }

    /**
     * The review screen of a first install: every required permission, connector and MCP server needs
     * consent; optional permissions are listed as offered, to be asked for when the plugin needs them.
     *
     * @param manifest the manifest of the version to install
     * @return the review, which needs consent unless the plugin asks for nothing at all
     * @throws NullPointerException if the manifest is null
     */
    public static UpdateReview firstInstall(PluginManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        List<PermissionChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Permission p : manifest.permissions()) {
            if (seen.add(key(p))) {
                String text = p.optional() ? "may later ask to: " : "asks to: ";
                changes.add(new PermissionChange(ChangeKind.NEW_PERMISSION, key(p),
                        text + PermissionText.describe(p) + riskNote(p), p.risk(), !p.optional(), Optional.of(p)));
            }
        }
        for (ConnectorSpec connector : manifest.connectors()) {
            changes.add(new PermissionChange(ChangeKind.CONNECTOR_ADDED, connector.name(),
                    "offers the tool " + connector.name() + ": " + UnsafeCharacters.quote(connector.description()),
                    CONNECTOR_RISK, true, Optional.empty()));
        }
        changes.addAll(McpServers.diff(Optional.empty(), manifest.claudeField(McpServers.FIELD)));
        return review(changes);
    }

    /**
     * Adds what changed between the {@code .mcp.json} files of the installed version and the update
     * (DESIGN §3.2: a bundle may declare its MCP servers in that file rather than in plugin.json).
     * A new or changed server needs consent like one declared in the manifest.
     *
     * @param installedFile the installed version's {@code .mcp.json} text, empty when it has none
     * @param updateFile the update's {@code .mcp.json} text, empty when it has none
     */
    public static UpdateReview withMcpServerFiles(UpdateReview review, Optional<String> installedFile,
                                                  Optional<String> updateFile) {
        List<PermissionChange> changes = new ArrayList<>(review.changes());
        changes.addAll(McpServers.diff(installedFile, updateFile));
        return new UpdateReview(changes);
    }

    private static Optional<PermissionChange> permissionChange(Permission p, Collection<Permission> granted,
                                                               boolean askedBefore) {
        boolean covered = PermissionCoverage.coveredByAny(granted, p);
        String what = PermissionText.describe(p) + riskNote(p);
        if (p.optional()) {
            if (askedBefore) {
                return Optional.empty();
            }
            String state = covered ? " (already granted)" : " (asked for when the plugin needs it)";
            return Optional.of(new PermissionChange(ChangeKind.NEW_PERMISSION, key(p),
                    "may now ask to: " + what + state, p.risk(), false, Optional.of(p)));
        }
        if (covered) {
            return askedBefore ? Optional.empty() : Optional.of(new PermissionChange(ChangeKind.NEW_PERMISSION,
                    key(p), "asks to: " + what + " (already granted)", p.risk(), false, Optional.of(p)));
        }
        Optional<Permission> narrower = granted.stream()
                .filter(g -> g.kind() == p.kind() && PermissionCoverage.covers(p, g))
                .findFirst();
        boolean consent = p.risk().level() >= CONSENT_THRESHOLD.level();
        String how = consent ? "" : " (low risk, granted without asking)";
        if (narrower.isPresent()) {
            return Optional.of(new PermissionChange(ChangeKind.WIDENED_SCOPE, key(p),
                    "widens " + key(narrower.get()) + " to " + p.scope() + ": " + what + how,
                    p.risk(), consent, Optional.of(p)));
        }
        return Optional.of(new PermissionChange(ChangeKind.NEW_PERMISSION, key(p), "asks to: " + what + how,
                p.risk(), consent, Optional.of(p)));
    }

    private static List<PermissionChange> connectorChanges(PluginManifest installed, PluginManifest update) {
        List<PermissionChange> changes = new ArrayList<>();
        for (ConnectorSpec connector : update.connectors()) {
            Optional<ConnectorSpec> before = installed.connector(connector.name());
            if (before.isEmpty()) {
                changes.add(new PermissionChange(ChangeKind.CONNECTOR_ADDED, connector.name(),
                        "adds the tool " + connector.name() + ": " + UnsafeCharacters.quote(connector.description()),
                        CONNECTOR_RISK, true, Optional.empty()));
                continue;
            }
            if (!before.get().description().equals(connector.description())) {
                changes.add(new PermissionChange(ChangeKind.CONNECTOR_DESCRIPTION_CHANGED, connector.name(),
                        "changes the description of the tool " + connector.name() + " from "
                                + UnsafeCharacters.quote(before.get().description()) + " to " + UnsafeCharacters.quote(connector.description()),
                        CONNECTOR_RISK, true, Optional.empty()));
            }
            if (!sameJson(before.get().inputSchemaJson(), connector.inputSchemaJson())) {
                changes.add(new PermissionChange(ChangeKind.CONNECTOR_SCHEMA_CHANGED, connector.name(),
                        "changes the input schema of the tool " + connector.name() + " to " + connector.inputSchemaJson(),
                        Risk.LOW, false, Optional.empty()));
            }
        }
        Map<String, ConnectorSpec> kept = new LinkedHashMap<>();
        update.connectors().forEach(c -> kept.put(c.name(), c));
        for (ConnectorSpec connector : installed.connectors()) {
            if (!kept.containsKey(connector.name())) {
                changes.add(new PermissionChange(ChangeKind.CONNECTOR_REMOVED, connector.name(),
                        "removes the tool " + connector.name(), Risk.NONE, false, Optional.empty()));
            }
        }
        return changes;
    }

    /** Compares as parsed JSON; text that does not parse (a manifest built by hand) is compared as text. */
    private static boolean sameJson(String a, String b) {
        try {
            return StrictJson.standard().read(a).equals(StrictJson.standard().read(b));
        } catch (StrictJsonException e) {
            return a.equals(b);
        }
    }

    private static UpdateReview review(List<PermissionChange> changes) {
        List<PermissionChange> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(PermissionChange::needsConsent).reversed()
                .thenComparing(Comparator.comparing(PermissionChange::risk).reversed()));
        return new UpdateReview(sorted);
    }

    private static String riskNote(Permission p) {
        return " [risk " + PermissionText.riskLabel(p.risk()) + "]";
    }

    private static String key(Permission p) {
        return p.kind().id() + " " + p.scope();
    }
}
