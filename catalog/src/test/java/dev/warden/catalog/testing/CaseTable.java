package dev.warden.catalog.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test cases kept as a table beside the test that reads them, in the tab-separated form of Warden's own
 * tables: "#" starts a comment, "[what the cases show]" starts a section (one test), every other line is
 * one case of a fixed number of columns.
 */
public final class CaseTable {

    private CaseTable() {
    }

    /**
     * @return each section's cases, in the order written, each case as its columns
     * @throws IllegalStateException naming the line when the table is missing or a line is not a case of
     *                               {@code columns} columns inside a section
     */
    public static Map<String, List<List<String>>> read(Class<?> test, String resource, int columns) {
        Map<String, List<List<String>>> sections = new LinkedHashMap<>();
        List<List<String>> current = null;
        int number = 0;
        for (String line : lines(test, resource)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new ArrayList<>());
                continue;
            }
            List<String> row = List.of(line.split("\t", -1));
            if (current == null || row.size() != columns) {
                throw new IllegalStateException(resource + " line " + number + " is not " + columns
                        + " tab-separated columns inside a [section]");
            }
            current.add(row);
        }
        return sections;
    }

    private static List<String> lines(Class<?> test, String resource) {
        try (InputStream in = test.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing beside " + test.getSimpleName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
