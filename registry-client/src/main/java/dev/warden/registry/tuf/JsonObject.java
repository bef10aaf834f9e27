package dev.warden.registry.tuf;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A JSON object of a metadata file with typed, checked access: every failure is a
 * {@link TufException.Kind#MALFORMED} naming the file and the field's path.
 *
 * @param file  the file, for messages
 * @param where the object's path inside the file, e.g. {@code signed.meta."snapshot.json"}
 * @param map   the parsed object (mutable only for the repository writer, which edits trees it parsed itself)
 */
record JsonObject(String file, Where where, Map<String, Object> map) {

    /**
     * A path inside a file, e.g. {@code signed.targets."a/b.wpk".custom.warden.permissions[0]}. Every
     * object read gets one, and a targets file may hold a hundred thousand objects, so it is written out
     * only for a message.
     *
     * @param parent null for a path given whole in {@code key}
     * @param key    a member's key; null for an array element
     * @param index  an array element's index, or -1
     */
    record Where(Where parent, String key, int index) {

        static Where of(String path) {
            return new Where(null, path, -1);
        }

        Where member(String key) {
            return new Where(this, key, -1);
        }

        Where element(int index) {
            return new Where(this, null, index);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return key;
            }
            return parent + (index >= 0 ? "[" + index + "]" : "." + (isPlain(key) ? key : "\"" + key + "\""));
        }
    }

    /** @throws TufException unless {@code tree} is an object */
    static JsonObject of(Object tree, String file, String where) throws TufException {
        return of(tree, file, Where.of(where));
    }

    /** @throws TufException unless {@code tree} is an object */
    @SuppressWarnings("unchecked")
    static JsonObject of(Object tree, String file, Where where) throws TufException {
        if (!(tree instanceof Map<?, ?>)) {
            throw malformed(file, where + " must be a JSON object");
        }
        return new JsonObject(file, where, (Map<String, Object>) tree);
    }

    Object raw(String key) throws TufException {
        if (!map.containsKey(key)) {
            throw malformed(file, path(key) + " is missing");
        }
        return map.get(key);
    }

    /** @throws TufException when the member is missing or not of {@code type} (which the message calls {@code what}) */
    private <T> T typed(String key, Class<T> type, String what) throws TufException {
        Object value = raw(key);
        if (!type.isInstance(value)) {
            throw malformed(file, path(key) + " must be " + what);
        }
        return type.cast(value);
    }

    JsonObject object(String key) throws TufException {
        return of(typed(key, Map.class, "a JSON object"), file, where.member(key));
    }

    Optional<JsonObject> optionalObject(String key) throws TufException {
        return map.get(key) == null ? Optional.empty() : Optional.of(object(key));
    }

    String string(String key) throws TufException {
        return typed(key, String.class, "a string");
    }

    Optional<String> optionalString(String key) throws TufException {
        return map.get(key) == null ? Optional.empty() : Optional.of(string(key));
    }

    boolean bool(String key) throws TufException {
        return typed(key, Boolean.class, "true or false");
    }

    /** A whole number from {@code min} up to {@link Long#MAX_VALUE}. */
    long number(String key, long min) throws TufException {
        Object value = raw(key);
        if (value instanceof Long n && n >= min) {
            return n;
        }
        if (value instanceof BigInteger) {
            throw malformed(file, path(key) + " is too large: " + value);
        }
        throw malformed(file, path(key) + " must be a whole number of at least " + min + ", not " + describe(value));
    }

    OptionalLong optionalNumber(String key, long min) throws TufException {
        return map.get(key) == null ? OptionalLong.empty() : OptionalLong.of(number(key, min));
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) throws TufException {
        return typed(key, List.class, "a JSON array");
    }

    /** For a message: the path of member {@code key} of this object. */
    String path(String key) {
        return where.member(key).toString();
    }

    /** The object at index {@code index} of this object's array {@code key}, which holds {@code element}. */
    JsonObject element(String key, int index, Object element) throws TufException {
        return of(element, file, where.member(key).element(index));
    }

    private static boolean isPlain(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !key.isEmpty();
    }

    TufException malformed(String what) {
        return malformed(file, where + " " + what);
    }

    static TufException malformed(String file, String what) {
        return new TufException(TufException.Kind.MALFORMED, file + ": " + what + "; " + Messages.MALFORMED_ADVICE);
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        return value instanceof Map<?, ?> ? "an object" : value instanceof List<?> ? "an array" : String.valueOf(value);
    }
}
