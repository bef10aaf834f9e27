package dev.warden.registry.tuf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code delegations} of a targets role: the keys it lends, and either an ordered list of
 * delegated roles or succinct hash bins.
 *
 * @param keys     usable keys by key id (other types are ignored, as in a root)
 * @param roles    delegated roles in the order listed, which is the order a search visits them
 * @param succinct hash bins, when used instead of {@code roles}
 */
record Delegations(Map<String, VerificationKey> keys, List<DelegatedRole> roles, Optional<SuccinctRoles> succinct) {

    Delegations {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        roles = List.copyOf(roles);
    }

    static Delegations parse(JsonObject delegations) throws TufException {
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        JsonObject keyObjects = delegations.object("keys");
        for (Map.Entry<String, Object> key : keyObjects.map().entrySet()) {
            TufKeys.parse(key.getValue()).ifPresent(k -> keys.put(key.getKey(), k));
        }
        boolean hasRoles = delegations.map().get("roles") != null;
        boolean hasBins = delegations.map().get("succinct_roles") != null;
        if (hasRoles == hasBins) {
            throw delegations.malformed("must have exactly one of roles and succinct_roles");
        }
        if (hasBins) {
            JsonObject bins = delegations.object("succinct_roles");
            long bits = bins.number("bit_length", 1);
            if (bits > 32) {
                throw bins.malformed("has bit_length " + bits + "; at most 32 is allowed");
            }
            return new Delegations(keys, List.of(), Optional.of(new SuccinctRoles(Role.parse(bins), (int) bits,
                    bins.string("name_prefix"))));
        }
        List<Object> listed = delegations.list("roles");
        List<DelegatedRole> roles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            JsonObject role = delegations.element("roles", i, listed.get(i));
            String name = role.string("name");
            if (RootMetadata.TOP_LEVEL.contains(name)) {
                throw role.malformed("delegates to \"" + name + "\", a top-level role's name");
            }
            if (!names.add(name)) {
                throw role.malformed("delegates to \"" + name + "\" a second time");
            }
            boolean hasPaths = role.map().get("paths") != null;
            boolean hasPrefixes = role.map().get("path_hash_prefixes") != null;
            if (hasPaths == hasPrefixes) {
                throw role.malformed("must have exactly one of paths and path_hash_prefixes");
            }
            List<PathPattern> paths = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            for (Object value : role.list(hasPaths ? "paths" : "path_hash_prefixes")) {
                if (!(value instanceof String s)) {
                    throw role.malformed((hasPaths ? "paths" : "path_hash_prefixes") + " must all be strings");
                }
                if (hasPaths) {
                    paths.add(PathPattern.of(s));
                } else {
                    prefixes.add(s.toLowerCase(java.util.Locale.ROOT));
                }
            }
            roles.add(new DelegatedRole(name, Role.parse(role), role.bool("terminating"), paths, prefixes));
        }
        return new Delegations(keys, roles, Optional.empty());
    }

    /**
     * The roles a search for {@code targetPath} visits next, in order: the listed roles that cover it, up
     * to and including the first terminating one; or the one hash bin it falls in.
     */
    List<DelegatedRole> rolesFor(String targetPath) {
        if (succinct.isPresent()) {
            return List.of(succinct.get().roleFor(targetPath));
        }
        List<DelegatedRole> out = new ArrayList<>();
        for (DelegatedRole role : roles) {
            if (role.covers(targetPath)) {
                out.add(role);
                if (role.terminating()) {
                    break;
                }
            }
        }
        return out;
    }

    /** Checks that a threshold of the keys delegated to {@code role} signed {@code envelope}. */
    void verify(Envelope envelope, DelegatedRole role, String delegator) throws TufException {
        ThresholdVerifier.verify(envelope, role.name(), role.keys(), keys, delegator);
    }

    boolean verifies(Envelope envelope, DelegatedRole role) {
        return ThresholdVerifier.verifies(envelope, role.keys(), keys);
    }
}
