package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic-version range as npm's node-semver writes it, which is what Claude Code reads in a plugin's
 * {@code dependencies}: {@code ^2.0}, {@code ~2.1.0}, {@code >=1.4 <2}, {@code =2.1.0}, {@code 1.x}, {@code *},
 * {@code 1.2.3 - 2.3.4} and alternatives joined by {@code ||}. Parsing is strict: anything else, leading zeros and
 * numbers past 18 digits are refused with the part that is wrong.
 *
 * <p>As in npm, a pre-release version satisfies a range only if one of the bounds of the alternative it falls in
 * is a pre-release of the same {@code MAJOR.MINOR.PATCH} ({@code ^2.0.0-0} opts in to {@code 2.0.0-beta.1}).
 *
 * @since 0.1
 */
public final class VersionRange {

    /** The longest range accepted, in characters; a longer one is "too complex to intersect" in Claude Code's words. */
    public static final int MAX_LENGTH = 256;
    /** The most alternatives ({@code ||}) accepted. */
    public static final int MAX_ALTERNATIVES = 16;

    private static final Pattern OPERATOR_SPACE = Pattern.compile("(<=|>=|<|>|=|~>|~|\\^)\\s+");
    private static final Pattern HYPHEN = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)$");
    private static final Pattern SIMPLE = Pattern.compile("^(<=|>=|<|>|=|~>|~|\\^)?v?(.*)$");
    private static final Version ZERO = Version.of(0, 0, 0);

    private enum Op { LT, LTE, GT, GTE, EQ }

    private record Comparator(Op op, Version version) {
        boolean test(Version v) {
            int c = v.compareTo(version);
            return switch (op) {
                case LT -> c < 0;
                case LTE -> c <= 0;
                case GT -> c > 0;
                case GTE -> c >= 0;
                case EQ -> c == 0;
            };
        }
    }

    /** {@code MAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]} with {@code x}, {@code X} or {@code *} for a missing number. */
    private record Partial(Long major, Long minor, Long patch, List<String> pre) {
        boolean any() {
            return major == null;
        }

        Version floor() {
            return new Version(major == null ? 0 : major, minor == null ? 0 : minor, patch == null ? 0 : patch,
                    patch == null ? List.of() : pre, List.of());
        }

        boolean complete() {
            return patch != null;
        }
    }

    private final String text;
    private final List<List<Comparator>> alternatives;

    private VersionRange(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** @return the range every release satisfies ({@code *}), what a dependency without a version means */
    public static VersionRange any() {
        return parse("*");
    }

    /**
     * @param text a range such as {@code ^2.0}, {@code ~2.1.0}, {@code >=1.4 <2.0.0} or {@code 1.x || >=3}
     * @return the parsed range
     * @throws IllegalArgumentException naming the part that is not a range
     */
    public static VersionRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("version range is missing");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version range is " + text.length() + " characters long; the limit is "
                    + MAX_LENGTH + " (simplify it)");
        }
        String[] parts = text.split("\\|\\|", -1);
        if (parts.length > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("version range " + Names.quote(text) + " has " + parts.length
                    + " alternatives; the limit is " + MAX_ALTERNATIVES + " (simplify its '||' chain)");
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String part : parts) {
            try {
                alternatives.add(alternative(part.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("version range " + Names.quote(text) + " is not valid: " + e.getMessage()
                        + "; write a range as npm does, e.g. ^2.0, ~2.1.0, >=1.4 <2, =2.1.0, 1.x or *", e);
            }
        }
        return new VersionRange(text.strip(), List.copyOf(alternatives));
    }

    /** @return whether {@code version} lies in the range */
    public boolean isSatisfiedBy(Version version) {
        for (List<Comparator> set : alternatives) {
            if (set.stream().allMatch(c -> c.test(version)) && preReleaseAllowed(set, version)) {
                return true;
            }
        }
        return false;
    }

    /** @return the highest of {@code versions} in the range, or empty when none is */
    public Optional<Version> highest(Collection<Version> versions) {
        return versions.stream().filter(this::isSatisfiedBy).max(Version::compareTo);
    }

    /** @return true for the range every release satisfies */
    public boolean isAny() {
        return alternatives.stream().anyMatch(List::isEmpty);
    }

    /** @return the range as written, without surrounding spaces */
    @Override
    public String toString() {
        return text.isEmpty() ? "*" : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static boolean preReleaseAllowed(List<Comparator> set, Version version) {
        if (!version.isPreRelease()) {
            return true;
        }
        for (Comparator c : set) {
            Version bound = c.version();
            if (bound.isPreRelease() && bound.major() == version.major() && bound.minor() == version.minor()
                    && bound.patch() == version.patch()) {
                return true;
            }
        }
        return false;
    }

    private static List<Comparator> alternative(String text) {
        String joined = OPERATOR_SPACE.matcher(text).replaceAll("$1");
        if (joined.isEmpty()) {
            return List.of();
        }
        Matcher hyphen = HYPHEN.matcher(joined);
        List<Comparator> out = new ArrayList<>();
        if (hyphen.matches()) {
            Partial from = partial(hyphen.group(1));
            Partial to = partial(hyphen.group(2));
            if (!from.any()) {
                out.add(new Comparator(Op.GTE, from.floor()));
            }
            if (!to.any()) {
                out.addAll(upTo(to));
            }
            return List.copyOf(out);
        }
        for (String simple : joined.split("\\s+")) {
            if (simple.equals("-")) {
                throw new IllegalArgumentException("a hyphen range needs a version on both sides, e.g. 1.2.3 - 2.3.4");
            }
            out.addAll(simple(simple));
        }
        return List.copyOf(out);
    }

    /** {@code <=} a partial: {@code <=1.2} is {@code <1.3.0-0}. */
    private static List<Comparator> upTo(Partial to) {
        if (to.complete()) {
            return List.of(new Comparator(Op.LTE, to.floor()));
        }
        return List.of(new Comparator(Op.LT, nextAfter(to)));
    }

    /** The lowest version above every version the partial matches, as {@code X.Y.Z-0}. */
    private static Version nextAfter(Partial p) {
        if (p.minor() == null) {
            return new Version(p.major() + 1, 0, 0, List.of("0"), List.of());
        }
        return new Version(p.major(), p.minor() + 1, 0, List.of("0"), List.of());
    }

    private static List<Comparator> simple(String simple) {
        Matcher m = SIMPLE.matcher(simple);
        if (!m.matches()) {
            throw new IllegalArgumentException(Names.quote(simple) + " is not a comparator");
        }
        String op = m.group(1) == null ? "" : m.group(1);
        Partial p = partial(m.group(2));
        switch (op) {
            case "^":
                return caret(p);
            case "~", "~>":
                return tilde(p);
            case "", "=":
                return xRange(p);
            case ">=":
                return p.any() ? List.of() : List.of(new Comparator(Op.GTE, p.floor()));
            case ">":
                if (p.any()) {
                    return nothing();
                }
                return List.of(p.complete() ? new Comparator(Op.GT, p.floor())
                        : new Comparator(Op.GTE, withoutPreRelease(nextAfter(p))));
            case "<":
                if (p.any()) {
                    return nothing();
                }
                return List.of(new Comparator(Op.LT, p.complete() ? p.floor() : withPreRelease0(p.floor())));
            case "<=":
                return p.any() ? List.of() : upTo(p);
            default:
                throw new IllegalArgumentException("unknown operator " + Names.quote(op));
        }
    }

    private static List<Comparator> xRange(Partial p) {
        if (p.any()) {
            return List.of();
        }
        if (p.complete()) {
            return List.of(new Comparator(Op.EQ, p.floor()));
        }
        return List.of(new Comparator(Op.GTE, p.floor()), new Comparator(Op.LT, nextAfter(p)));
    }

    private static List<Comparator> tilde(Partial p) {
        if (p.any()) {
            return List.of();
        }
        Version upper = p.minor() == null ? new Version(p.major() + 1, 0, 0, List.of("0"), List.of())
                : new Version(p.major(), p.minor() + 1, 0, List.of("0"), List.of());
        return List.of(new Comparator(Op.GTE, p.floor()), new Comparator(Op.LT, upper));
    }

    private static List<Comparator> caret(Partial p) {
        if (p.any()) {
            return List.of();
        }
        Version upper;
        if (p.major() > 0 || p.minor() == null) {
            upper = new Version(p.major() + 1, 0, 0, List.of("0"), List.of());
        } else if (p.minor() > 0 || p.patch() == null) {
            upper = new Version(0, p.minor() + 1, 0, List.of("0"), List.of());
        } else {
            upper = new Version(0, 0, p.patch() + 1, List.of("0"), List.of());
        }
        return List.of(new Comparator(Op.GTE, p.floor()), new Comparator(Op.LT, upper));
    }

    /** A comparator no version satisfies ({@code <0.0.0-0}), as npm makes of {@code >*} and {@code <*}. */
    private static List<Comparator> nothing() {
        return List.of(new Comparator(Op.LT, new Version(0, 0, 0, List.of("0"), List.of())));
    }

    private static Version withPreRelease0(Version v) {
        return new Version(v.major(), v.minor(), v.patch(), List.of("0"), List.of());
    }

    private static Version withoutPreRelease(Version v) {
        return Version.of(v.major(), v.minor(), v.patch());
    }

    private static Partial partial(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a comparator needs a version after its operator");
        }
        String core = text;
        String suffix = "";
        int cut = firstOf(text, '-', '+');
        if (cut >= 0) {
            core = text.substring(0, cut);
            suffix = text.substring(cut);
        }
        String[] numbers = core.split("\\.", -1);
        if (numbers.length > 3) {
            throw new IllegalArgumentException(Names.quote(text) + " has more than three numbers");
        }
        Long[] parsed = new Long[3];
        boolean wild = false;
        for (int i = 0; i < numbers.length; i++) {
            String n = numbers[i];
            if (n.equals("x") || n.equals("X") || n.equals("*")) {
                wild = true;
                continue;
            }
            if (wild) {
                throw new IllegalArgumentException(Names.quote(text) + " has a number after a wildcard");
            }
            if (n.isEmpty() || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(Names.quote(n) + " in " + Names.quote(text) + " is not a number");
            }
            if (n.length() > 1 && n.charAt(0) == '0') {
                throw new IllegalArgumentException(Names.quote(text) + " has a number with a leading zero");
            }
            if (n.length() > 18) {
                throw new IllegalArgumentException(Names.quote(text) + " has a number that is too large");
            }
            parsed[i] = Long.parseLong(n);
        }
        List<String> pre = List.of();
        if (!suffix.isEmpty()) {
            if (parsed[2] == null) {
                throw new IllegalArgumentException(Names.quote(text) + " has a pre-release or build part without all"
                        + " three numbers");
            }
            try {
                Version full = Version.parse(core + suffix);
                pre = full.preRelease();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Names.quote(text) + " is not a version: " + e.getMessage(), e);
            }
        }
        return new Partial(parsed[0], parsed[1], parsed[2], pre);
    }

    private static int firstOf(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
