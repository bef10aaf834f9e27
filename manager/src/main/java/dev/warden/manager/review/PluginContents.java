package dev.warden.manager.review;

import dev.warden.catalog.manifest.FrontMatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The skills and sub-agents of an extracted plugin, as the review screen lists them: name and
 * description from each file's front matter.
 */
public record PluginContents(List<Item> skills, List<Item> agents) {

    /** One skill or sub-agent. */
    public record Item(String name, String description, String path) {
    }

    public PluginContents {
        skills = List.copyOf(skills);
        agents = List.copyOf(agents);
    }

    public static PluginContents of(Path pluginDir) throws IOException {
        List<Item> skills = new ArrayList<>();
        Path skillsDir = pluginDir.resolve("skills");
        if (Files.isDirectory(skillsDir)) {
            try (Stream<Path> folders = Files.list(skillsDir)) {
                for (Path folder : folders.sorted().toList()) {
                    Path file = folder.resolve("SKILL.md");
                    if (Files.isRegularFile(file)) {
                        skills.add(item(pluginDir, file, folder.getFileName().toString()));
                    }
                }
            }
        }
        List<Item> agents = new ArrayList<>();
        Path agentsDir = pluginDir.resolve("agents");
        if (Files.isDirectory(agentsDir)) {
            try (Stream<Path> files = Files.list(agentsDir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    String fallback = file.getFileName().toString().replaceFirst("\\.md$", "");
                    agents.add(item(pluginDir, file, fallback));
                }
            }
        }
        return new PluginContents(skills, agents);
    }

    private static Item item(Path root, Path file, String fallbackName) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Map<String, String> front = FrontMatter.read(text).orElse(Map.of());
        return new Item(front.getOrDefault("name", fallbackName), front.getOrDefault("description", ""),
                root.relativize(file).toString());
    }
}
