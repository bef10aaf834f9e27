package dev.warden.registry.tuf;

import java.nio.charset.StandardCharsets;

/**
 * File names for role metadata and targets. A delegated role's name may hold any character
 * ({@code ../x}, {@code ?}, {@code /}), so it is percent-encoded as the TUF reference implementation
 * does ({@code urllib.parse.quote(name, "")}: everything but letters, digits and {@code _.-~}), which
 * keeps it one path segment in a URL and in a folder.
 */
final class MetadataNames {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MetadataNames() {
    }

    /** {@code <quoted role>.json}: the name under which a client stores a role's metadata. */
    static String file(String roleName) {
        return quote(roleName) + ".json";
    }

    /** The name a repository serves a role's metadata under: version-prefixed with consistent snapshots. */
    static String remote(RootMetadata root, String roleName, long version) {
        return root.consistentSnapshot() ? version + "." + file(roleName) : file(roleName);
    }

    /**
     * A target path as one file name inside a folder: quoted, with {@code .} and {@code ..} (which
     * quoting leaves alone) encoded too, so that no target path names the folder or its parent.
     */
    static String localTarget(String targetPath) {
        String quoted = quote(targetPath);
        return quoted.equals(".") ? "%2E" : quoted.equals("..") ? "%2E%2E" : quoted;
    }

    static String quote(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
