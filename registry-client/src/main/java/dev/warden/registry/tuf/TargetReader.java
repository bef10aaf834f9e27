package dev.warden.registry.tuf;

import dev.warden.io.StrictJson.Cursor;
import dev.warden.io.StrictJsonException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one target of {@code signed.targets} straight from the text into its {@link TargetEntry}, with no map or
 * list per object: a marketplace lists tens of thousands. Only the common shape is read this way (the fields
 * {@link TargetsMetadata} reads, each of its type, in any order, with anything else ignored); a target off that
 * shape, such as one with a field of the wrong type, is read again from its bytes as a plain tree and checked by
 * {@link TargetsMetadata#parseTarget}, so both ways give the same entry or the same failure. Strings that repeat
 * across targets (keywords, permission kinds, publishers, versions) are kept once.
 */
final class TargetReader {

    private final byte[] raw;
    private final String file;
    private final JsonObject.Where where;
    private final Map<String, String> shared = new HashMap<>();

    /**
     * @param raw   the bytes being read, for a target read again
     * @param where where the targets object lies, for messages
     */
    TargetReader(byte[] raw, String file, JsonObject.Where where) {
        this.raw = raw;
        this.file = file;
        this.where = where;
    }

    /**
     * Reads the target at {@code value}, whole.
     *
     * @throws TufException        ({@link TufException.Kind#MALFORMED}) for a target the checks refuse
     * @throws StrictJsonException for text the JSON rules refuse, wherever in the target it lies
     */
    TargetEntry read(String path, Cursor value) throws TufException, StrictJsonException {
        if (path.isEmpty() || value.kind() != Cursor.Kind.OBJECT || value.start() < 0) {
            return TargetsMetadata.parseTarget(path, JsonObject.of(value.plain(), file, where.member(path)));
        }
        Fields fields = new Fields();
        if (fields.read(value) && fields.length >= 0 && fields.hashes != null) {
            return new TargetEntry(path, fields.length, fields.hashes, Optional.ofNullable(fields.listing));
        }
        // off the common shape: the general checks decide, on the tree the bytes make
        Optional<dev.warden.io.StrictJson.Span> span = value.finish();
        byte[] bytes = Arrays.copyOfRange(raw, (int) span.orElseThrow().start(), (int) span.orElseThrow().end());
        return TargetsMetadata.parseTarget(path, JsonObject.of(StrictJson.parse(bytes, file), file, where.member(path)));
    }

    /** The fields of one target as read; each reading method returns false at the first thing off the common shape. */
    private final class Fields {
        private long length = -1;
        private Map<String, String> hashes;
        private TargetListing listing;

        boolean read(Cursor target) throws StrictJsonException {
            target.enter();
            for (String name = target.nextName(); name != null; name = target.nextName()) {
                boolean common = switch (name) {
                    case "length" -> length(target);
                    case "hashes" -> hashes(target);
                    case "custom" -> custom(target);
                    default -> true; // read past, and checked, by the cursor
                };
                if (!common) {
                    return false;
                }
            }
            return true;
        }

        private boolean length(Cursor value) throws StrictJsonException {
            if (value.kind() != Cursor.Kind.NUMBER || !(value.plain() instanceof Long n) || n < 0) {
                return false;
            }
            length = n;
            return true;
        }

        private boolean hashes(Cursor value) throws StrictJsonException {
            if (value.kind() != Cursor.Kind.OBJECT) {
                return false;
            }
            value.enter();
            String algorithm = value.nextName();
            if (algorithm == null) {
                return false;
            }
            String first = string(value);
            if (first == null) {
                return false;
            }
            String next = value.nextName();
            if (next == null) {
                hashes = Collections.singletonMap(algorithm, first);
                return true;
            }
            Map<String, String> all = new LinkedHashMap<>();
            all.put(algorithm, first);
            for (; next != null; next = value.nextName()) {
                String digest = string(value);
                if (digest == null) {
                    return false;
                }
                all.put(next, digest);
            }
            hashes = all;
            return true;
        }

        private boolean custom(Cursor value) throws StrictJsonException {
            if (value.kind() == Cursor.Kind.NULL) {
                return true; // as absent
            }
            if (value.kind() != Cursor.Kind.OBJECT) {
                return false;
            }
            value.enter();
            for (String name = value.nextName(); name != null; name = value.nextName()) {
                if (name.equals("warden") && value.kind() != Cursor.Kind.NULL) {
                    if (value.kind() != Cursor.Kind.OBJECT) {
                        return false;
                    }
                    listing = listing(value);
                    if (listing == null) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** @return null when the listing is off the common shape */
        private TargetListing listing(Cursor value) throws StrictJsonException {
            String id = null;
            String name = null;
            String version = null;
            String description = "";
            String publisher = null;
            List<String> keywords = List.of();
            List<TargetListing.ListedPermission> permissions = List.of();
            value.enter();
            for (String key = value.nextName(); key != null; key = value.nextName()) {
                boolean common = true;
                switch (key) {
                    case "id" -> common = (id = string(value)) != null;
                    case "name" -> common = (name = string(value)) != null;
                    case "version" -> common = (version = shared(string(value))) != null;
                    case "publisher" -> common = (publisher = shared(string(value))) != null;
                    case "description" -> {
                        if (value.kind() != Cursor.Kind.NULL) {
                            common = (description = string(value)) != null;
                        }
                    }
                    case "keywords" -> {
                        if (value.kind() != Cursor.Kind.NULL) {
                            common = (keywords = keywords(value)) != null;
                        }
                    }
                    case "permissions" -> {
                        if (value.kind() != Cursor.Kind.NULL) {
                            common = (permissions = permissions(value)) != null;
                        }
                    }
                    default -> {
                        // read past by the cursor
                    }
                }
                if (!common) {
                    return null;
                }
            }
            if (id == null || name == null || version == null || publisher == null) {
                return null;
            }
            return new TargetListing(id, name, version, description, keywords, publisher, permissions);
        }

        private List<String> keywords(Cursor value) throws StrictJsonException {
            if (value.kind() != Cursor.Kind.ARRAY) {
                return null;
            }
            List<String> keywords = new ArrayList<>();
            value.enter();
            while (value.nextElement()) {
                String keyword = shared(string(value));
                if (keyword == null) {
                    return null;
                }
                keywords.add(keyword);
            }
            return keywords;
        }

        private List<TargetListing.ListedPermission> permissions(Cursor value) throws StrictJsonException {
            if (value.kind() != Cursor.Kind.ARRAY) {
                return null;
            }
            List<TargetListing.ListedPermission> permissions = new ArrayList<>();
            value.enter();
            while (value.nextElement()) {
                TargetListing.ListedPermission permission = permission(value);
                if (permission == null) {
                    return null;
                }
                permissions.add(permission);
            }
            return permissions;
        }

        private TargetListing.ListedPermission permission(Cursor value) throws StrictJsonException {
            if (value.kind() != Cursor.Kind.OBJECT) {
                return null;
            }
            String kind = null;
            String scope = null;
            long risk = -1;
            boolean optional = false;
            value.enter();
            for (String key = value.nextName(); key != null; key = value.nextName()) {
                boolean common = true;
                switch (key) {
                    case "kind" -> common = (kind = shared(string(value))) != null;
                    case "scope" -> common = (scope = string(value)) != null;
                    case "risk" -> {
                        Object number = value.kind() == Cursor.Kind.NUMBER ? value.plain() : null;
                        common = number instanceof Long n && n >= 0 && n <= 4;
                        risk = common ? (Long) number : -1;
                    }
                    case "optional" -> {
                        if (value.kind() == Cursor.Kind.BOOLEAN) {
                            optional = (Boolean) value.plain();
                        } else {
                            common = value.kind() == Cursor.Kind.NULL;
                        }
                    }
                    default -> {
                        // read past by the cursor
                    }
                }
                if (!common) {
                    return null;
                }
            }
            if (kind == null || scope == null || risk < 0) {
                return null;
            }
            return new TargetListing.ListedPermission(kind, scope, (int) risk, optional);
        }
    }

    /** @return the string at {@code value}, or null (leaving it unread) when it is something else */
    private static String string(Cursor value) throws StrictJsonException {
        return value.kind() == Cursor.Kind.STRING ? (String) value.plain() : null;
    }

    /** @return {@code text} as first seen, so that a string repeated across targets is kept once */
    private String shared(String text) {
        if (text == null) {
            return null;
        }
        String known = shared.putIfAbsent(text, text);
        return known == null ? text : known;
    }
}
