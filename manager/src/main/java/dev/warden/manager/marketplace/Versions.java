package dev.warden.manager.marketplace;

import dev.warden.api.manifest.Version;

/** Versions as marketplaces write them, which is not always SemVer. */
final class Versions {

    private Versions() {
    }

    /**
     * @return {@code text} as a SemVer version, completing {@code 1} or {@code 1.2} with zeros and
     *     dropping a leading {@code v}
     * @throws IllegalArgumentException when it is no version at all
     */
    static Version lenient(String text) {
        String s = text.strip();
        if (s.startsWith("v") || s.startsWith("V")) {
            s = s.substring(1);
        }
        try {
            return Version.parse(s);
        } catch (IllegalArgumentException e) {
            String core = s;
            String rest = "";
            int cut = indexOfAny(s, '-', '+');
            if (cut >= 0) {
                core = s.substring(0, cut);
                rest = s.substring(cut);
            }
            long dots = core.chars().filter(c -> c == '.').count();
            if (dots == 0 && !core.isEmpty()) {
                return Version.parse(core + ".0.0" + rest);
            }
            if (dots == 1) {
                return Version.parse(core + ".0" + rest);
            }
            throw e;
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
