package dev.warden.manager.review;

import dev.warden.catalog.manifest.FrontMatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one list-valued key of a markdown file's front matter ({@code allowed-tools}) in every form real plugins
 * write it: {@code a, b}, {@code a b}, a flow list {@code [a, b]} that may run over several lines, and a block
 * list of {@code - a} lines. {@code FrontMatter} keeps only the first line of such a value, which would hide the
 * rest of the list from the review.
 */
final class FrontMatterList {

    private FrontMatterList() {
    }

    /**
     * @return the items of {@code key}, in order; empty when the text has no front matter or no such key. A key
     *     written twice gives the items of both, so that neither reading of the duplicate is hidden
     */
    static List<String> read(String text, String key) {
        List<String> items = new ArrayList<>();
        for (Declaration declaration : declarations(text, key)) {
            StringBuilder value = new StringBuilder(declaration.value());
            List<String> block = new ArrayList<>();
            for (String next : declaration.under()) {
                if (!Character.isWhitespace(next.charAt(0)) && !next.startsWith("- ") && !next.equals("-")) {
                    break;
                }
                String item = next.strip();
                if (item.startsWith("-")) {
                    block.add(unquote(item.substring(1).strip()));
                } else {
                    value.append(' ').append(item);
                }
            }
            items.addAll(split(value.toString()));
            block.stream().filter(s -> !s.isEmpty()).forEach(items::add);
        }
        return items;
    }

    /**
     * @return the lines of {@code key}'s value as written (its first line and the indented lines under it,
     *     stripped), for a nested value such as {@code hooks} that is shown rather than interpreted; empty when absent
     */
    static List<String> block(String text, String key) {
        List<String> block = new ArrayList<>();
        for (Declaration declaration : declarations(text, key)) {
            if (!declaration.value().isEmpty()) {
                block.add(declaration.value());
            }
            declaration.under().forEach(line -> block.add(line.strip()));
            if (block.isEmpty()) {
                block.add("(empty)");
            }
        }
        return block;
    }

    /** A line declaring a key: what follows its colon, and the lines under it (indented, or starting with '-'). */
    private record Declaration(String value, List<String> under) {
    }

    /** @return every declaration of {@code key} in the front matter of {@code text}, in order */
    private static List<Declaration> declarations(String text, String key) {
        List<String> lines = FrontMatter.lines(text).orElse(List.of());
        List<Declaration> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<String> value = value(lines.get(i), key);
            if (value.isPresent()) {
                int end = i + 1;
                while (end < lines.size() && (Character.isWhitespace(lines.get(end).charAt(0)) || lines.get(end).startsWith("-"))) {
                    end++;
                }
                found.add(new Declaration(value.get(), lines.subList(i + 1, end)));
            }
        }
        return found;
    }

    /** @return what follows {@code key:} on {@code line} when the line declares that key, as FrontMatter reads keys:
     *     an unindented line, the key's spaces around it ignored; empty when it does not */
    private static Optional<String> value(String line, String key) {
        int colon = line.indexOf(':');
        if (colon <= 0 || Character.isWhitespace(line.charAt(0)) || !line.substring(0, colon).strip().equals(key)) {
            return Optional.empty();
        }
        return Optional.of(line.substring(colon + 1).strip());
    }

    /** Splits an inline value on commas and spaces that are outside parentheses, dropping the brackets of a flow list. */
    static List<String> split(String value) {
        String text = value.strip();
        if (text.startsWith("[")) {
            text = text.substring(1);
            if (text.endsWith("]")) {
                text = text.substring(0, text.length() - 1);
            }
        }
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
            if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                add(items, current);
            } else {
                current.append(c);
            }
        }
        add(items, current);
        return items;
    }

    private static void add(List<String> items, StringBuilder current) {
        String item = unquote(current.toString().strip());
        if (!item.isEmpty()) {
            items.add(item);
        }
        current.setLength(0);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
