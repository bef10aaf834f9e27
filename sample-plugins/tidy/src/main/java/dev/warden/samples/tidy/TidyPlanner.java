package dev.warden.samples.tidy;

import dev.warden.samples.tidy.TidyPlan.Left;
import dev.warden.samples.tidy.TidyPlan.Move;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rules of the plan tool, without any file access: which entries of a folder move where, and
 * which stay. Only files of a known kind move; hidden entries, folders, and names tidy cannot sort
 * stay, and nothing ever replaces an existing file.
 */
final class TidyPlanner {

    /** How many entries one plan looks at; a larger folder is planned in rounds. */
    static final int MAX_ENTRIES = 1000;

    /** Names that mark a software project, whose files must stay where its build expects them. */
    private static final Set<String> PROJECT_FILES = Set.of("pom.xml", "build.gradle", "build.gradle.kts",
            "settings.gradle", "settings.gradle.kts", "build.sbt", "package.json", "deno.json", "Cargo.toml", "go.mod",
            "pyproject.toml", "setup.py", "Gemfile", "composer.json", "mix.exs", "Package.swift", "pubspec.yaml",
            "CMakeLists.txt", "Makefile", "meson.build");
    private static final List<String> PROJECT_SUFFIXES = List.of(".sln", ".csproj", ".fsproj", ".xcodeproj");

    private TidyPlanner() {
    }

    /**
     * @param names the folder's entries, names only
     * @return the first name that marks the folder as a software project, or empty
     */
    static Optional<String> projectMarker(List<String> names) {
        for (String name : names) {
            if (PROJECT_FILES.contains(name)) {
                return Optional.of(name);
            }
            for (String suffix : PROJECT_SUFFIXES) {
                if (name.endsWith(suffix)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param folder   the folder, in the Files notation, for the plan
     * @param names    the folder's entries, names only, in any order
     * @param grouping whether dated files go one level deeper
     * @param taken    whether a path relative to the folder is already in use
     * @return the plan: moves and left entries in name order
     */
    static TidyPlan plan(String folder, List<String> names, Grouping grouping, Predicate<String> taken) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        boolean truncated = sorted.size() > MAX_ENTRIES;
        List<Move> moves = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        for (String name : truncated ? sorted.subList(0, MAX_ENTRIES) : sorted) {
            Optional<String> category = FileCategories.of(name);
            if (name.startsWith(".")) {
                left.add(new Left(name, "hidden; tidy leaves hidden files alone"));
            } else if (FileCategories.folders().contains(name)) {
                left.add(new Left(name, "one of the folders tidy sorts files into"));
            } else if (category.isEmpty()) {
                left.add(new Left(name, FileCategories.extension(name)
                        .map(e -> "tidy does not sort ." + e + " files")
                        .orElse("no extension: a folder, or a file of unknown kind")));
            } else {
                String to = destination(category.get(), name, grouping);
                if (taken.test(to)) {
                    left.add(new Left(name, to + " already exists (or one of its folders is a file); tidy never replaces anything"));
                } else {
                    moves.add(new Move(name, to));
                }
            }
        }
        return new TidyPlan(folder, grouping, moves, left, truncated);
    }

    private static String destination(String category, String name, Grouping grouping) {
        Optional<String> dated = grouping == Grouping.NONE ? Optional.empty()
                : DateInName.find(name).flatMap(grouping::subfolder);
        return category + "/" + dated.map(d -> d + "/").orElse("") + name;
    }
}
