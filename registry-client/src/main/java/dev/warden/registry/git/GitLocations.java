package dev.warden.registry.git;

import dev.warden.io.UnsafeCharacters;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which repository locations Warden hands to JGit: URLs of transports that only move data
 * (https, http, ssh, git, file), scp-like {@code user@host:path}, and local paths. Transport helpers
 * that run programs ({@code ext::}, {@code fd::}, any {@code x::}) and every other scheme are refused.
 */
final class GitLocations {

    private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^:].*", Pattern.DOTALL);

    private GitLocations() {
    }

    /** @throws IllegalArgumentException naming the location and the forms Warden accepts */
    static void check(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("the repository location is empty; give an https URL or a local path");
        }
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isWhitespace(c) && c != ' ') {
                throw new IllegalArgumentException("repository location " + UnsafeCharacters.quote(location)
                        + " contains a control character");
            }
        }
        if (location.startsWith("-")) {
            throw new IllegalArgumentException("repository location " + UnsafeCharacters.quote(location)
                    + " starts with '-'; give a URL or a path");
        }
        if (location.contains("::")) {
            throw new IllegalArgumentException("repository location " + UnsafeCharacters.quote(location)
                    + " uses a git transport helper ('::'), which runs a program; Warden refuses it."
                    + " Use an https, ssh, git or file URL, or a local path");
        }
        var scheme = SCHEME.matcher(location);
        if (scheme.matches() && !SCP_LIKE.matcher(location).matches() && !isWindowsDrive(location)) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(name)) {
                throw new IllegalArgumentException("repository location " + UnsafeCharacters.quote(location)
                        + " uses the transport " + UnsafeCharacters.quote(name)
                        + ", which Warden does not use; give an https, http, ssh, git or file URL, or a local path");
            }
        }
    }

    private static boolean isWindowsDrive(String location) {
        return location.length() > 2 && Character.isLetter(location.charAt(0)) && location.charAt(1) == ':'
                && (location.charAt(2) == '\\' || location.charAt(2) == '/');
    }
}
