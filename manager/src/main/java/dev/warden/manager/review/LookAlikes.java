package dev.warden.manager.review;

import dev.warden.io.LatinLookAlikes;
import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Finds names that a person could mistake for one they already trust: {@code acme} vs
 * {@code acrne}, {@code paypal} vs {@code paypa1}, {@code my-tools} vs {@code mytools}.
 */
public final class LookAlikes {

    private LookAlikes() {
    }

    /** The names in {@code known} (other than {@code name} itself) that look like {@code name}. */
    public static List<String> of(String name, Collection<String> known) {
        String skeleton = skeleton(name);
        return known.stream()
                .filter(other -> !other.equals(name))
                .filter(other -> {
                    String otherSkeleton = skeleton(other);
                    return otherSkeleton.equals(skeleton) || editDistanceAtMostOne(otherSkeleton, skeleton);
                })
                .sorted()
                .toList();
    }

    /** Folds case, accents, script twins ({@link LatinLookAlikes}), separators and the usual visual substitutions. */
    static String skeleton(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = latin(folded.charAt(i));
            char next = i + 1 < folded.length() ? latin(folded.charAt(i + 1)) : 0;
            if (c == 'r' && next == 'n' || c == 'v' && next == 'v') {
                out.append(c == 'r' ? 'm' : 'w');
                i++;
                continue;
            }
            switch (c) {
                case '-', '_', '.', ' ' -> { }
                case '0' -> out.append('o');
                case '1', 'i', '|' -> out.append('l');
                case '2' -> out.append('z');
                case '3' -> out.append('e');
                case '4', '@' -> out.append('a');
                case '5', '$' -> out.append('s');
                case '6', '8' -> out.append('b');
                case '7' -> out.append('t');
                case '9' -> out.append('g');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static char latin(char c) {
        return (char) LatinLookAlikes.latin(c);
    }

    private static boolean editDistanceAtMostOne(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || Math.min(a.length(), b.length()) < 3) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (a.length() > b.length()) {
                i++;
            } else if (a.length() < b.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return true;
    }
}
