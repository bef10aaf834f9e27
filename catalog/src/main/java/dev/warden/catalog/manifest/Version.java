package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * A Semantic Versioning 2.0.0 version: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}.
 *
 * <p>{@link #compareTo} follows SemVer precedence and ignores build metadata, so two versions that
 * differ only in build metadata compare as equal while {@link #equals} tells them apart.
 *
 * @param major      the major version, 0 or more
 * @param minor      the minor version, 0 or more
 * @param patch      the patch version, 0 or more
 * @param preRelease the dot-separated pre-release identifiers, empty for a release
 * @param build      the dot-separated build metadata identifiers, empty if there is none
 * @since 0.1
 */
public record Version(long major, long minor, long patch, List<String> preRelease, List<String> build)
        implements Comparable<Version> {

    /**
     * @throws IllegalArgumentException if a number is negative or an identifier breaks SemVer's rules
     */
    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        preRelease = List.copyOf(preRelease);
        build = List.copyOf(build);
        for (String id : preRelease) {
            checkIdentifier(id, true, "pre-release");
        }
        for (String id : build) {
            checkIdentifier(id, false, "build");
        }
    }

    /** @return the release version {@code major.minor.patch} */
    public static Version of(long major, long minor, long patch) {
        return new Version(major, minor, patch, List.of(), List.of());
    }

    /**
     * @param text a version such as {@code 1.2.0}, {@code 1.0.0-rc.1} or {@code 1.0.0+build.7}
     * @return the parsed version
     * @throws IllegalArgumentException if the text is not a strict SemVer 2.0.0 version (no leading
     *                                  {@code v}, no leading zeros, all three numbers present)
     */
    public static Version parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("version is empty; expected MAJOR.MINOR.PATCH, e.g. 1.2.0");
        }
        String rest = text;
        List<String> build = List.of();
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            build = split(rest.substring(plus + 1), text);
            rest = rest.substring(0, plus);
        }
        List<String> pre = List.of();
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            pre = split(rest.substring(dash + 1), text);
            rest = rest.substring(0, dash);
        }
        String[] core = rest.split("\\.", -1);
        if (core.length != 3) {
            throw invalid(text, "it needs exactly three numbers MAJOR.MINOR.PATCH");
        }
        long[] numbers = new long[3];
        for (int i = 0; i < 3; i++) {
            if (!isNumeric(core[i])) {
                throw invalid(text, "\"" + core[i] + "\" is not a number");
            }
            if (core[i].length() > 1 && core[i].charAt(0) == '0') {
                throw invalid(text, "numbers must not have leading zeros");
            }
            if (core[i].length() > 18) {
                throw invalid(text, "number " + core[i] + " is too large");
            }
            numbers[i] = Long.parseLong(core[i]);
        }
        try {
            return new Version(numbers[0], numbers[1], numbers[2], pre, build);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** @return whether this version has pre-release identifiers */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    // equals and hashCode written out: a record's generated ones are bootstrapped through method handles at first use,
    // which spins about ten classes in every process that compares one (ARCHITECTURE §3.4)
    @Override
    public boolean equals(Object other) {
        return other instanceof Version v && major == v.major && minor == v.minor && patch == v.patch
                && preRelease.equals(v.preRelease) && build.equals(v.build);
    }

    @Override
    public int hashCode() {
        int hash = Long.hashCode(major);
        hash = 31 * hash + Long.hashCode(minor);
        hash = 31 * hash + Long.hashCode(patch);
        hash = 31 * hash + preRelease.hashCode();
        return 31 * hash + build.hashCode();
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, other.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            // a release has higher precedence than any of its pre-releases
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        int n = Math.min(preRelease.size(), other.preRelease.size());
        for (int i = 0; i < n; i++) {
            c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    /** @return the version in SemVer notation, e.g. {@code 1.0.0-rc.1+build.7} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            out.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            out.append('+').append(String.join(".", build));
        }
        return out.toString();
    }

    private static int compareIdentifiers(String a, String b) {
        boolean an = isNumeric(a);
        boolean bn = isNumeric(b);
        if (an && bn) {
            // no leading zeros, so the longer number is the larger one
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static List<String> split(String part, String text) {
        if (part.isEmpty()) {
            throw invalid(text, "a '-' or '+' must be followed by identifiers");
        }
        return new ArrayList<>(List.of(part.split("\\.", -1)));
    }

    private static void checkIdentifier(String id, boolean rejectLeadingZero, String what) {
        if (id.isEmpty()) {
            throw new IllegalArgumentException(what + " identifiers must not be empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                throw new IllegalArgumentException(what + " identifier " + Names.quote(id)
                        + " may only contain ASCII letters, digits and '-'");
            }
        }
        if (rejectLeadingZero && isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
            throw new IllegalArgumentException("numeric " + what + " identifier " + id + " must not have leading zeros");
        }
    }

    private static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("version " + Names.quote(text) + " is not a semantic version ("
                + why + "); expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.0 or 2.0.0-rc.1");
    }
}
