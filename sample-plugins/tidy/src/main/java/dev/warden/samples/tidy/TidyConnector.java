package dev.warden.samples.tidy;

import dev.warden.api.Connector;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolException;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Files;
import dev.warden.samples.json.JsonWriter;
import dev.warden.samples.json.ToolInput;
import dev.warden.samples.json.ToolInput.BadInputException;
import dev.warden.samples.tidy.TidyPlan.Left;
import dev.warden.samples.tidy.TidyPlan.Move;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools "plan" (read-only: what tidying a workspace folder would do) and "organise" (do it).
 * Organise plans again from what is on disk now, so it never acts on a stale plan, and carries out
 * the moves through {@link Organiser}.
 */
final class TidyConnector implements Connector {

    private static final Set<String> PLAN_FIELDS = Set.of("folder", "byDate");
    private static final Set<String> ORGANISE_FIELDS = Set.of("folder", "byDate", "files");

    @Override
    public Set<String> tools() {
        return Set.of("plan", "organise");
    }

    @Override
    public ToolResult call(ToolCall call, PluginContext context) throws ToolException {
        try {
            switch (call.tool()) {
                case "plan": {
                    ToolInput input = ToolInput.of("plan", call.input(), PLAN_FIELDS);
                    return ToolResult.json(JsonWriter.write(plan("plan", input, context.files()).fields()));
                }
                case "organise": {
                    ToolInput input = ToolInput.of("organise", call.input(), ORGANISE_FIELDS);
                    return organise(input, context.files());
                }
                default:
                    return ToolResult.error("tidy has no tool " + JsonWriter.quote(call.tool()));
            }
        } catch (BadInputException e) {
            return ToolResult.error(e.getMessage());
        } catch (CapabilityException e) {
            throw new ToolException("could not look at the folder: " + e.getMessage(), e);
        }
    }

    /** Lists the folder and plans it, looking at each destination folder once to see what is taken. */
    private static TidyPlan plan(String tool, ToolInput input, Files files) throws BadInputException, CapabilityException {
        String folder;
        try {
            folder = WorkspaceFolder.notation(input.string("folder").orElse(""));
        } catch (BadInputException e) {
            throw new BadInputException(tool + ": " + e.getMessage());
        }
        String byDate = input.string("byDate").orElse("none");
        Grouping grouping = Grouping.byInputName(byDate).orElseThrow(() -> new BadInputException(
                tool + ": \"byDate\" is \"none\", \"year\" or \"month\", not " + JsonWriter.quote(byDate)));
        List<String> entries;
        try {
            entries = files.list(folder);
        } catch (CapabilityException e) {
            throw new BadInputException(tool + ": " + e.getMessage());
        }
        if (entries.isEmpty() && !folder.equals(WorkspaceFolder.ROOT) && !files.exists(folder)) {
            throw new BadInputException(tool + ": there is no folder " + folder + "; name a folder of the workspace, e.g."
                    + " \"Downloads\"");
        }
        List<String> names = new ArrayList<>(entries.size());
        for (String entry : entries) {
            names.add(WorkspaceFolder.lastName(entry));
        }
        Optional<String> project = TidyPlanner.projectMarker(names);
        if (project.isPresent()) {
            throw new BadInputException(tool + ": " + folder + " holds " + project.get() + ", so it looks like a software"
                    + " project; moving its files would break it. Name a folder of loose files instead, e.g. \"Downloads\"");
        }
        Map<String, Optional<Set<String>>> listed = new HashMap<>();
        return TidyPlanner.plan(folder, names, grouping, to -> taken(files, folder, to, listed));
    }

    /** Whether {@code to} (relative to the folder) is in use; each destination folder is listed once. */
    private static boolean taken(Files files, String folder, String to, Map<String, Optional<Set<String>>> listed) {
        int slash = to.lastIndexOf('/');
        Optional<Set<String>> names = listed.computeIfAbsent(folder + "/" + to.substring(0, slash), p -> namesIn(files, p));
        return names.isEmpty() || names.get().contains(to.substring(slash + 1));
    }

    /** @return the names in a folder (none if it does not exist yet), or empty if it cannot be listed, e.g. it is a file */
    private static Optional<Set<String>> namesIn(Files files, String folder) {
        try {
            Set<String> names = new HashSet<>();
            for (String entry : files.list(folder)) {
                names.add(WorkspaceFolder.lastName(entry));
            }
            return Optional.of(names);
        } catch (CapabilityException e) {
            return Optional.empty();
        }
    }

    private static ToolResult organise(ToolInput input, Files files) throws BadInputException, CapabilityException {
        List<String> chosen = input.strings("files", TidyPlanner.MAX_ENTRIES);
        TidyPlan plan = plan("organise", input, files);
        List<Move> moves = new ArrayList<>();
        List<Left> kept = new ArrayList<>();
        if (chosen.isEmpty()) {
            moves.addAll(plan.moves());
        } else {
            Set<String> wanted = new LinkedHashSet<>(chosen);
            for (Move move : plan.moves()) {
                if (wanted.remove(move.file())) {
                    moves.add(move);
                }
            }
            for (Left left : plan.left()) {
                if (wanted.remove(left.file())) {
                    kept.add(left);
                }
            }
            for (String missing : wanted) {
                kept.add(new Left(missing, "there is no such file in " + plan.folder()));
            }
        }
        if (moves.isEmpty() && kept.isEmpty()) {
            return ToolResult.text("Nothing to organise in " + plan.folder() + ": " + plan.summary() + ".");
        }
        OrganiseReport report = new Organiser(files).carryOut(plan.folder(), moves, kept);
        String json = JsonWriter.write(report.fields());
        return report.stopped().isPresent() && report.moved().isEmpty() ? ToolResult.error(report.summary()) : ToolResult.json(json);
    }
}
