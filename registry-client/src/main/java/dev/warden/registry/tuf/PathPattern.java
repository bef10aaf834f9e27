package dev.warden.registry.tuf;

import java.util.regex.Pattern;

/**
 * A delegation's path pattern, matched as the TUF reference implementation does: the target path
 * and the pattern are split at {@code /}, must have as many segments, and each segment must match
 * its shell-style pattern ({@code *} any run of characters, {@code ?} one, {@code [abc]} /
 * {@code [!abc]} a set). So {@code acme/*} covers {@code acme/x} but not {@code acme/x/y}.
 */
final class PathPattern {

    private final String pattern;
    private final Pattern[] segments;

    private PathPattern(String pattern, Pattern[] segments) {
        this.pattern = pattern;
        this.segments = segments;
    }

    static PathPattern of(String pattern) {
        String[] parts = pattern.split("/", -1);
        Pattern[] segments = new Pattern[parts.length];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = Pattern.compile(translate(parts[i]), Pattern.DOTALL);
        }
        return new PathPattern(pattern, segments);
    }

    boolean matches(String targetPath) {
        String[] parts = targetPath.split("/", -1);
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!segments[i].matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** A shell pattern of one segment as a regular expression; an unclosed {@code [} is literal. */
    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < glob.length() && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < glob.length() && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < glob.length() && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= glob.length()) {
                    regex.append("\\[");
                } else {
                    String set = glob.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (set.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    }
                    for (; k < set.length(); k++) {
                        char s = set.charAt(k);
                        if (s == '-' && k > 0 && k < set.length() - 1) {
                            cls.append('-');
                        } else {
                            cls.append(escapeInClass(s));
                        }
                    }
                    regex.append(cls).append(']');
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static String escapeInClass(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }
}
