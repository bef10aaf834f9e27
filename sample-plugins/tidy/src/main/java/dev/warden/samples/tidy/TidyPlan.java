package dev.warden.samples.tidy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What tidying one folder would do: the files to move and where, and the entries left as they are
 * with the reason. Paths are relative to {@code folder}.
 *
 * @param folder    the folder, in the Files notation ({@code ${workspace}/Downloads})
 * @param grouping  whether dated files go into year or month folders
 * @param moves     files to move, in name order
 * @param left      entries that stay, in name order
 * @param truncated whether the folder had more entries than one plan looks at
 */
record TidyPlan(String folder, Grouping grouping, List<Move> moves, List<Left> left, boolean truncated) {

    /** Moving {@code file} to {@code to}, e.g. {@code Images/2026-03/IMG_20260302.jpg}. */
    record Move(String file, String to) {
        Move {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(to, "to");
        }

        Map<String, Object> fields() {
            return TidyPlan.fields(file, "to", to);
        }
    }

    /** An entry that stays where it is, and why. */
    record Left(String file, String reason) {
        Left {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }

        Map<String, Object> fields() {
            return TidyPlan.fields(file, "reason", reason);
        }
    }

    TidyPlan {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(grouping, "grouping");
        moves = List.copyOf(moves);
        left = List.copyOf(left);
    }

    /** @return one sentence for the model to pass on, e.g. "3 files to move into Documents, Images; 1 entry left as it is" */
    String summary() {
        TreeSet<String> into = new TreeSet<>();
        for (Move move : moves) {
            into.add(move.to().substring(0, move.to().indexOf('/')));
        }
        String summary = moves.isEmpty() ? "Nothing to move"
                : count(moves.size(), "file") + " to move into " + String.join(", ", into);
        if (!left.isEmpty()) {
            summary += "; " + count(left.size(), "entry", "entries") + " left as " + (left.size() == 1 ? "it is" : "they are");
        }
        return truncated ? summary + " (only the first " + TidyPlanner.MAX_ENTRIES + " entries were looked at)" : summary;
    }

    /** @return the plan as the plan tool returns it */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("folder", folder);
        fields.put("byDate", grouping.inputName);
        fields.put("summary", summary());
        fields.put("moves", moves.stream().map(Move::fields).toList());
        fields.put("left", left.stream().map(Left::fields).toList());
        fields.put("truncated", truncated);
        return fields;
    }

    /** @return {@code {"file": file, key: value}} */
    private static Map<String, Object> fields(String file, String key, String value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", file);
        fields.put(key, value);
        return fields;
    }

    static String count(int n, String one) {
        return count(n, one, one + "s");
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
