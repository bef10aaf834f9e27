package dev.warden.samples.tidy;

import dev.warden.samples.tidy.TidyPlan.Left;
import dev.warden.samples.tidy.TidyPlan.Move;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What organising did: the files moved, the files kept where they were (with the reason), and,
 * if a permission was missing, why it stopped early.
 *
 * @param folder  the folder, in the Files notation
 * @param moved   the files now at their new place, and gone from the old one
 * @param kept    the files still at their old place (some with a copy at the new one, as the reason says)
 * @param stopped why the run stopped before the end, or empty if it went through the whole plan
 */
record OrganiseReport(String folder, List<Move> moved, List<Left> kept, Optional<String> stopped) {

    OrganiseReport {
        Objects.requireNonNull(folder, "folder");
        moved = List.copyOf(moved);
        kept = List.copyOf(kept);
        Objects.requireNonNull(stopped, "stopped");
    }

    /** @return one sentence for the model to pass on */
    String summary() {
        String summary = "Moved " + TidyPlan.count(moved.size(), "file");
        if (!kept.isEmpty()) {
            summary += "; kept " + TidyPlan.count(kept.size(), "file") + " where " + (kept.size() == 1 ? "it was" : "they were");
        }
        return stopped.map(s -> "Stopped: " + s + ". ").orElse("") + summary;
    }

    /** @return the report as the organise tool returns it */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("folder", folder);
        fields.put("summary", summary());
        fields.put("moved", moved.stream().map(Move::fields).toList());
        fields.put("kept", kept.stream().map(Left::fields).toList());
        stopped.ifPresent(s -> fields.put("stopped", s));
        return fields;
    }
}
