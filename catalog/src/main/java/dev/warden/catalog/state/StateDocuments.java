package dev.warden.catalog.state;

import dev.warden.io.UnsafeCharacters;

import dev.warden.io.JsonPath;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.Digests;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON forms of {@code catalog.json}, {@code grants.json} and the commit journal. Both state files
 * carry the digest of the whole state they belong to ({@code commit}), so a reader can tell that they
 * were written by the same commit.
 */
final class StateDocuments {

    static final int FORMAT = 1;

    private static final Set<String> CATALOG_FIELDS = Set.of("format", "commit", "audit", "plugins");
    private static final Set<String> GRANTS_FIELDS = Set.of("format", "commit", "grants");
    private static final Set<String> JOURNAL_FIELDS = Set.of("format", "commit", "audit", "plugins", "grants");
    private static final Set<String> AUDIT_FIELDS = Set.of("seq", "hash");
    private static final Set<String> PLUGIN_FIELDS = Set.of("version", "status", "verified", "publisherKeyId",
            "source", "manifestSha256", "installedAt", "updatedAt", "pending");
    private static final Set<String> PENDING_FIELDS = Set.of("version", "source", "stagedAt", "reasons", "verified",
            "publisherKeyId", "manifestSha256");
    private static final Set<String> GRANT_FIELDS = Set.of("granted", "active");
    private static final Set<String> PERMISSION_FIELDS = Set.of("kind", "scope", "reason", "optional");

    /** The parsed content of one state file: the commit digest it carries and its part of the state. */
    record Part<T>(String commit, Map<PluginId, T> entries) {
    }

    /**
     * A whole commit: the state, and the audit head that was current when it was committed (absent in
     * files written before Warden recorded it).
     */
    record Commit(WardenState state, Optional<AuditHead> audit) {
    }

    private StateDocuments() {
    }

    static byte[] catalog(WardenState state, AuditHead audit) {
        ObjectNode root = header(state);
        root.set("audit", audit(audit));
        root.set("plugins", plugins(state));
        return StateJson.pretty(root);
    }

    static byte[] grants(WardenState state) {
        ObjectNode root = header(state);
        root.set("grants", grantSets(state));
        return StateJson.pretty(root);
    }

    static byte[] journal(WardenState state, AuditHead audit) {
        ObjectNode root = header(state);
        root.set("audit", audit(audit));
        root.set("plugins", plugins(state));
        root.set("grants", grantSets(state));
        return StateJson.pretty(root);
    }

    /** @return the digest of the whole state: equal states give equal digests */
    static String digest(WardenState state) {
        ObjectNode both = StateJson.NODES.objectNode();
        both.set("plugins", plugins(state));
        both.set("grants", grantSets(state));
        return Digests.sha256Hex(StateJson.canonical(both));
    }

    static Part<InstalledPlugin> parseCatalog(byte[] bytes, JsonFields.Source source) throws StateException {
        JsonFields root = open(bytes, source, CATALOG_FIELDS);
        return new Part<>(root.string("commit"), readPlugins(root));
    }

    static Part<GrantSet> parseGrants(byte[] bytes, JsonFields.Source source) throws StateException {
        JsonFields root = open(bytes, source, GRANTS_FIELDS);
        return new Part<>(root.string("commit"), readGrants(root));
    }

    static Commit parseJournal(byte[] bytes, JsonFields.Source source) throws StateException {
        JsonFields root = open(bytes, source, JOURNAL_FIELDS);
        return new Commit(combine(readPlugins(root), readGrants(root), source), readAudit(root));
    }

    /** @return the audit head recorded in {@code catalog.json}; empty if it records none */
    static Optional<AuditHead> parseCatalogAudit(byte[] bytes, JsonFields.Source source) throws StateException {
        return readAudit(open(bytes, source, CATALOG_FIELDS));
    }

    private static ObjectNode audit(AuditHead head) {
        ObjectNode node = StateJson.NODES.objectNode();
        node.put("seq", head.seq());
        node.put("hash", head.hash());
        return node;
    }

    private static Optional<AuditHead> readAudit(JsonFields root) throws StateException {
        Optional<JsonFields> node = root.optionalObject("audit");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        JsonFields audit = node.get().allowOnly(AUDIT_FIELDS);
        return Optional.of(construct(audit, () -> new AuditHead(audit.integer("seq"), audit.string("hash"))));
    }

    /** @throws StateException naming the grants of a plugin that is not installed */
    static WardenState combine(Map<PluginId, InstalledPlugin> plugins, Map<PluginId, GrantSet> grants,
            JsonFields.Source grantsSource) throws StateException {
        for (PluginId id : grants.keySet()) {
            if (!plugins.containsKey(id)) {
                throw JsonFields.problem(grantsSource, JsonPath.child("$.grants", id.toString()),
                        "grants for " + id + ", which is not installed");
            }
        }
        return new WardenState(plugins, grants);
    }

    private static ObjectNode header(WardenState state) {
        ObjectNode root = StateJson.NODES.objectNode();
        root.put("format", FORMAT);
        root.put("commit", digest(state));
        return root;
    }

    private static ObjectNode plugins(WardenState state) {
        ObjectNode plugins = StateJson.NODES.objectNode();
        for (InstalledPlugin plugin : state.plugins().values()) {
            ObjectNode node = plugins.putObject(plugin.id().toString());
            node.put("version", plugin.version().toString());
            node.put("status", plugin.status().id());
            node.put("verified", plugin.verified());
            plugin.publisherKeyId().ifPresent(key -> node.put("publisherKeyId", key));
            node.put("source", plugin.source());
            node.put("manifestSha256", plugin.manifestSha256());
            node.put("installedAt", plugin.installedAt().toString());
            node.put("updatedAt", plugin.updatedAt().toString());
            plugin.pending().ifPresent(pending -> {
                ObjectNode p = node.putObject("pending");
                p.put("version", pending.version().toString());
                p.put("source", pending.source());
                p.put("stagedAt", pending.stagedAt().toString());
                ArrayNode reasons = p.putArray("reasons");
                pending.reasons().forEach(reasons::add);
                p.put("verified", pending.verified());
                pending.publisherKeyId().ifPresent(key -> p.put("publisherKeyId", key));
                p.put("manifestSha256", pending.manifestSha256());
            });
        }
        return plugins;
    }

    private static ObjectNode grantSets(WardenState state) {
        ObjectNode grants = StateJson.NODES.objectNode();
        state.grants().forEach((id, set) -> {
            ObjectNode node = grants.putObject(id.toString());
            permissions(node.putArray("granted"), set.granted());
            permissions(node.putArray("active"), set.active());
        });
        return grants;
    }

    private static void permissions(ArrayNode array, List<Permission> permissions) {
        for (Permission permission : permissions) {
            ObjectNode node = array.addObject();
            node.put("kind", permission.kind().id());
            node.put("scope", permission.scope());
            node.put("reason", permission.reason());
            node.put("optional", permission.optional());
        }
    }

    private static JsonFields open(byte[] bytes, JsonFields.Source source, Set<String> fields) throws StateException {
        JsonFields root = JsonFields.root(StateJson.parse(bytes, source.name(), source.advice()), source);
        long format = root.integer("format");
        if (format > FORMAT) {
            throw root.problemAt("format", "format " + format + " was written by a newer Warden; update Warden");
        }
        if (format != FORMAT) {
            throw root.problemAt("format", "format must be " + FORMAT + ", not " + format);
        }
        root.allowOnly(fields);
        return root;
    }

    private static Map<PluginId, InstalledPlugin> readPlugins(JsonFields root) throws StateException {
        return perPlugin(root, "plugins", PLUGIN_FIELDS, StateDocuments::readPlugin);
    }

    private static InstalledPlugin readPlugin(PluginId id, JsonFields node) throws StateException {
        String statusId = node.string("status");
        PluginStatus status = PluginStatus.byId(statusId).orElseThrow(() -> node.problemAt("status",
                "unknown status " + UnsafeCharacters.quote(statusId) + "; expected one of "
                        + Arrays.stream(PluginStatus.values()).map(PluginStatus::id).collect(Collectors.joining(", "))));
        Optional<PendingUpdate> pending = Optional.empty();
        Optional<JsonFields> pendingNode = node.optionalObject("pending");
        if (pendingNode.isPresent()) {
            JsonFields p = pendingNode.get().allowOnly(PENDING_FIELDS);
            pending = Optional.of(construct(p, () -> new PendingUpdate(p.version("version"), p.string("source"),
                    p.instant("stagedAt"), p.strings("reasons"), p.bool("verified"), p.optionalString("publisherKeyId"),
                    p.string("manifestSha256"))));
        }
        Optional<PendingUpdate> finalPending = pending;
        return construct(node, () -> new InstalledPlugin(id, node.version("version"), status,
                node.bool("verified"), node.optionalString("publisherKeyId"), node.string("source"),
                node.string("manifestSha256"), node.instant("installedAt"), node.instant("updatedAt"),
                finalPending));
    }

    private static Map<PluginId, GrantSet> readGrants(JsonFields root) throws StateException {
        return perPlugin(root, "grants", GRANT_FIELDS, StateDocuments::readGrant);
    }

    private static GrantSet readGrant(PluginId id, JsonFields node) throws StateException {
        List<Permission> granted = readPermissions(node, "granted");
        List<Permission> active = readPermissions(node, "active");
        GrantSet grantedOnly = new GrantSet(granted, List.of());
        List<JsonFields> activeNodes = node.objects("active");
        for (int i = 0; i < active.size(); i++) {
            if (!grantedOnly.isGranted(active.get(i))) {
                throw activeNodes.get(i).problem("active but not in \"granted\"; every active permission must be granted");
            }
        }
        return new GrantSet(granted, active);
    }

    /** Reads what a state file holds for one plugin. */
    @FunctionalInterface
    private interface PluginReader<T> {
        T read(PluginId id, JsonFields node) throws StateException;
    }

    /** @return the members of the object {@code key}, each keyed by its plugin id and read by {@code reader} */
    private static <T> Map<PluginId, T> perPlugin(JsonFields root, String key, Set<String> fields,
            PluginReader<T> reader) throws StateException {
        Map<PluginId, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonFields> member : root.members(key).entrySet()) {
            JsonFields node = member.getValue().allowOnly(fields);
            PluginId id = pluginId(member.getKey(), node);
            out.put(id, reader.read(id, node));
        }
        return out;
    }

    private static List<Permission> readPermissions(JsonFields node, String key) throws StateException {
        List<Permission> permissions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonFields p : node.objects(key)) {
            p.allowOnly(PERMISSION_FIELDS);
            String kindId = p.string("kind");
            PermissionKind kind = PermissionKind.byId(kindId).orElseThrow(() -> p.problemAt("kind",
                    "unknown permission kind " + UnsafeCharacters.quote(kindId) + "; expected one of "
                            + Arrays.stream(PermissionKind.values()).map(PermissionKind::id).collect(Collectors.joining(", "))));
            String scope = p.string("scope");
            Permission permission = construct(p, () -> new Permission(kind, scope, p.string("reason"), p.bool("optional")));
            if (!seen.add(kind.id() + " " + scope)) {
                throw p.problem("repeats " + kind.id() + " " + UnsafeCharacters.quote(scope) + "; each permission may appear once");
            }
            permissions.add(permission);
        }
        return permissions;
    }

    private static PluginId pluginId(String key, JsonFields node) throws StateException {
        try {
            return PluginId.parse(key);
        } catch (IllegalArgumentException e) {
            throw node.problem("not a plugin id: " + e.getMessage());
        }
    }

    /** A constructor call that may refuse its arguments. */
    @FunctionalInterface
    private interface Construction<T> {
        T get() throws StateException;
    }

    private static <T> T construct(JsonFields node, Construction<T> construction) throws StateException {
        try {
            return construction.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw node.problem(e.getMessage());
        }
    }
}
