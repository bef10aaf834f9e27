package dev.warden.registry.tuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link TargetListing} in a target's {@code custom.warden} object, both ways. */
final class Listings {

    private Listings() {
    }

    static TargetListing parse(JsonObject warden) throws TufException {
        List<String> keywords = new ArrayList<>();
        if (warden.map().get("keywords") != null) {
            for (Object keyword : warden.list("keywords")) {
                if (!(keyword instanceof String s)) {
                    throw warden.malformed("keywords must all be strings");
                }
                keywords.add(s);
            }
        }
        List<TargetListing.ListedPermission> permissions = new ArrayList<>();
        if (warden.map().get("permissions") != null) {
            List<Object> listed = warden.list("permissions");
            for (int i = 0; i < listed.size(); i++) {
                JsonObject p = warden.element("permissions", i, listed.get(i));
                long risk = p.number("risk", 0);
                if (risk > 4) {
                    throw p.malformed("has risk " + risk + "; risks go from 0 to 4");
                }
                boolean optional = p.map().get("optional") != null && p.bool("optional");
                permissions.add(new TargetListing.ListedPermission(p.string("kind"), p.string("scope"), (int) risk,
                        optional));
            }
        }
        return new TargetListing(warden.string("id"), warden.string("name"), warden.string("version"),
                warden.optionalString("description").orElse(""), keywords, warden.string("publisher"), permissions);
    }

    static Map<String, Object> toTree(TargetListing listing) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", listing.id());
        tree.put("name", listing.name());
        tree.put("version", listing.version());
        tree.put("description", listing.description());
        tree.put("keywords", new ArrayList<Object>(listing.keywords()));
        tree.put("publisher", listing.publisher());
        List<Object> permissions = new ArrayList<>();
        for (TargetListing.ListedPermission p : listing.permissions()) {
            Map<String, Object> permission = new LinkedHashMap<>();
            permission.put("kind", p.kind());
            permission.put("scope", p.scope());
            permission.put("risk", (long) p.risk());
            permission.put("optional", p.optional());
            permissions.add(permission);
        }
        tree.put("permissions", permissions);
        return tree;
    }
}
