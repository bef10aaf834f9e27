package dev.warden.manager.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * The argument pattern of a {@code process.exec} scope, the text after the program:
 * {@code /usr/bin/git status *}. Words are separated by spaces and each matches one argument, where
 * {@code *} stands for any run of characters and {@code ?} for one character ({@link ScopePattern#glob});
 * a last word that is exactly {@code *} matches any number of further arguments, none included. So
 * {@code status *} allows {@code status} and {@code status --short}, but not {@code -c x status}.
 *
 * @param words the words of the pattern, none empty
 */
record ArgumentPattern(List<String> words) {

    ArgumentPattern {
        words = List.copyOf(words);
        if (words.isEmpty() || words.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("an argument pattern needs at least one word and no empty ones");
        }
    }

    /** @param text the pattern as written after the program, e.g. {@code status *} */
    static ArgumentPattern parse(String text) {
        return new ArgumentPattern(Arrays.stream(text.strip().split(" +")).toList());
    }

    /** @return true if the arguments, in order, match the words of this pattern */
    boolean matches(List<String> args) {
        boolean rest = words.get(words.size() - 1).equals("*");
        int fixed = rest ? words.size() - 1 : words.size();
        if (rest ? args.size() < fixed : args.size() != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (!ScopePattern.glob(words.get(i), args.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
