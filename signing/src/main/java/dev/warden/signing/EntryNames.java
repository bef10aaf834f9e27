package dev.warden.signing;

import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.BundleException.Failure;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every entry name of a bundle obeys, shared by the writer (which refuses to produce what
 * the reader refuses) and the reader: relative, {@code /}-separated, portable to every file system,
 * and free of collisions once case and Unicode normalisation are folded away.
 */
final class EntryNames {

    static final String PLUGIN_JSON = "plugin.json";
    static final String FILES_JSON = "META-INF/warden/files.json";
    static final String SIGNATURE_JSON = "META-INF/warden/signature.json";

    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
            "conin$", "conout$");
    private static final Pattern NATIVE = Pattern.compile("(?i).*\\.(dll|dylib|jnilib|so(\\.[0-9]+)*)$");

    private EntryNames() {
    }

    /** True for names of native libraries, which Warden never installs ({@code .so}, {@code .so.1}, {@code .dll}, ...). */
    static boolean isNativeLibrary(String name) {
        return NATIVE.matcher(name).matches();
    }

    /** True for names of jars, which are inspected (never expanded). */
    static boolean isJar(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    /**
     * Checks one name ({@code directory} names end with {@code /}).
     *
     * @throws BundleException UNSAFE_ENTRY or LIMIT_EXCEEDED naming the entry and the rule
     */
    static void check(String name, boolean directory, BundleLimits limits) throws BundleException {
        String shown = printable(name);
        if (name.isEmpty()) {
            throw unsafe(name, "an entry has an empty name");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxPathLength()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, name, "entry '" + shown + "' has a " + bytes
                    + "-byte name, above the limit of " + limits.maxPathLength() + "; shorten the path");
        }
        String path = directory ? name.substring(0, name.length() - 1) : name;
        if (name.startsWith("/") || name.startsWith("\\")) {
            throw unsafe(name, "entry '" + shown + "' is an absolute path; bundles hold relative paths only");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                throw unsafe(name, "entry '" + shown + "' contains a backslash; bundle paths use '/' only");
            }
            if (c == ':') {
                throw unsafe(name, "entry '" + shown + "' contains ':' (a drive letter or an alternate data stream)");
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw unsafe(name, "entry '" + shown + "' contains a control character");
            }
            if (c == '<' || c == '>' || c == '"' || c == '|' || c == '?' || c == '*') {
                throw unsafe(name, "entry '" + shown + "' contains '" + c + "', which is not portable across file systems");
            }
        }
        // strict: an entry name needs no emoji sequence, so no joiner or tag is honest in one
        OptionalInt invisible = name.codePoints().filter(UnsafeCharacters::isUnsafe).findFirst();
        if (invisible.isPresent()) {
            throw unsafe(name, "entry '" + shown + "' contains an invisible or bidi-control character (U+"
                    + String.format("%04X", invisible.getAsInt()) + ")");
        }
        String[] segments = path.split("/", -1);
        if (segments.length > limits.maxDepth()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, name, "entry '" + shown + "' is " + segments.length
                    + " levels deep, above the limit of " + limits.maxDepth());
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw unsafe(name, "entry '" + shown + "' has an empty path segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw unsafe(name, "entry '" + shown + "' contains a '" + segment + "' segment and could escape the target folder");
            }
            char last = segment.charAt(segment.length() - 1);
            if (last == '.' || last == ' ') {
                throw unsafe(name, "entry '" + shown + "' has a segment ending in a dot or space, which Windows drops");
            }
            int dot = segment.indexOf('.');
            String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing().toLowerCase(Locale.ROOT);
            if (RESERVED.contains(base)) {
                throw unsafe(name, "entry '" + shown + "' uses the Windows reserved name '" + segment + "'");
            }
        }
        if (isNativeLibrary(path)) {
            throw unsafe(name, "entry '" + shown + "' is a native library; Warden plugins may not ship native code");
        }
    }

    /** The key two names collide on: NFC, then case folded. */
    static String fold(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        return Normalizer.normalize(nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    /** The name with control, bidi and invisible characters escaped by the one unsafe-text rule, safe to print. */
    static String printable(String name) {
        return UnsafeCharacters.escape(name);
    }

    private static BundleException unsafe(String name, String message) {
        return new BundleException(Failure.UNSAFE_ENTRY, name, message);
    }

    /**
     * Records names and refuses duplicates and collisions: two files whose folded names match, two
     * spellings of one folder, or a file where another entry needs a folder.
     */
    static final class Collisions {

        private final Map<String, String> files = new HashMap<>();
        private final Map<String, String> directories = new HashMap<>();

        /** Adds a file (or, with a trailing {@code /}, a directory) entry. */
        void add(String name) throws BundleException {
            boolean directory = name.endsWith("/");
            String path = directory ? name.substring(0, name.length() - 1) : name;
            int slash = path.indexOf('/');
            while (slash >= 0) {
                addDirectory(path.substring(0, slash), name);
                slash = path.indexOf('/', slash + 1);
            }
            if (directory) {
                addDirectory(path, name);
                return;
            }
            String key = fold(path);
            String earlier = files.putIfAbsent(key, path);
            if (earlier != null) {
                throw unsafe(name, earlier.equals(path)
                        ? "entry '" + printable(name) + "' appears twice"
                        : "entry '" + printable(name) + "' collides with '" + printable(earlier)
                                + "' on case-insensitive or Unicode-normalising file systems");
            }
            String dir = directories.get(key);
            if (dir != null) {
                throw unsafe(name, "file '" + printable(name) + "' collides with folder '" + printable(dir) + "/'");
            }
        }

        private void addDirectory(String dir, String entry) throws BundleException {
            String key = fold(dir);
            String earlier = directories.putIfAbsent(key, dir);
            if (earlier != null && !earlier.equals(dir)) {
                throw unsafe(entry, "entry '" + printable(entry) + "' spells folder '" + printable(dir)
                        + "' differently from '" + printable(earlier) + "' (case or Unicode normalisation)");
            }
            String file = files.get(key);
            if (file != null) {
                throw unsafe(entry, "entry '" + printable(entry) + "' needs folder '" + printable(dir)
                        + "/', which collides with file '" + printable(file) + "'");
            }
        }
    }
}
