package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two real marketplaces of {@code ../shared/corpus} (see its README), which no one on this project wrote:
 * every local plugin of the official Claude marketplace and every plugin of anthropics/skills installs with
 * {@code --allow-unverified --yes}, and for each official plugin {@code info --json} lists exactly the hooks,
 * commands, sub-agents, skills, LSP servers and MCP servers its folder and marketplace entry hold, and each plugin
 * of anthropics/skills exactly the skills its entry lists (its {@code strict: false} entry is the whole plugin). The
 * expectation is read from the folder here, apart from Warden's own reader. Skipped where the corpus is absent.
 * One in-process CLI per marketplace keeps it to one JVM.
 */
class RealMarketplacesReviewTest extends HomeFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Adds the marketplace at {@code repo} as {@code name} and returns its marketplace.json. */
    private JsonNode marketplaceAdded(String name, Path repo) throws IOException {
        ok("marketplace", "add", name, repo.toString(), "--yes");
        return JSON.readTree(Files.readString(repo.resolve(".claude-plugin/marketplace.json")));
    }

    @Test
    void everyLocalOfficialPluginInstallsAndItsReviewListsWhatItsFolderHolds() throws Exception {
        Path repo = Corpus.cloned("claude-plugins-official", temp);
        JsonNode market = marketplaceAdded("official-snapshot", repo);

        List<String> refused = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (JsonNode entry : market.get("plugins")) {
            if (!entry.get("source").isString()) {
                continue; // in another repository, which cannot be fetched here
            }
            String name = entry.get("name").stringValue();
            if (!installs(name, refused)) {
                continue;
            }
            CliRunner.Result info = warden.run("info", name, "--json");
            assertThat(info.exitCode()).as(info.all()).isZero();
            JsonNode shown = JSON.readTree(info.out());
            Path folder = repo.resolve(entry.get("source").stringValue()).normalize();
            differences.addAll(compare(name, shown, folder, entry));
            compared++;
        }

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(differences).as("what info --json shows against what the folder holds").isEmpty();
        soft.assertThat(refused).as("official plugins refused").isEmpty();
        soft.assertThat(compared + refused.size()).as("local plugins of the snapshot").isEqualTo(53);
        soft.assertAll();
    }

    @Test
    void everyPluginOfAnthropicSkillsInstalls() throws Exception {
        Path repo = Corpus.cloned("anthropic-skills", temp);
        JsonNode market = marketplaceAdded("skills-snapshot", repo);

        List<String> refused = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (JsonNode entry : market.get("plugins")) {
            String name = entry.get("name").stringValue();
            if (!installs(name, refused)) {
                continue;
            }
            JsonNode shown = JSON.readTree(warden.run("info", name, "--json").out());
            Set<String> listed = new TreeSet<>();
            for (JsonNode skill : entry.get("skills")) {
                listed.add(skill.stringValue().replaceFirst("^\\./", "") + "/SKILL.md");
            }
            Set<String> shownSkills = paths(shown.get("skills"));
            if (!shownSkills.equals(listed)) {
                differences.add(name + ": its entry lists the skills " + listed + " but info shows " + shownSkills);
            }
        }

        assertThat(refused).as("anthropics/skills plugins refused").isEmpty();
        assertThat(differences).isEmpty();
    }

    /** Installs {@code name} from the marketplaces; when it is refused, says so in {@code refused} and returns false. */
    private boolean installs(String name, List<String> refused) {
        CliRunner.Result installed = warden.run("install", name, "--allow-unverified", "--yes");
        if (installed.exitCode() != 0) {
            refused.add(name + " (exit " + installed.exitCode() + "): " + installed.err().strip());
            return false;
        }
        return true;
    }

    /** The differences between what {@code info --json} shows and what the folder and entry hold, in words. */
    private static List<String> compare(String name, JsonNode shown, Path folder, JsonNode entry) throws IOException {
        List<String> differences = new ArrayList<>();
        JsonNode runs = shown.get("runs");
        differ(differences, name, "commands", markdown(folder, "commands", true), paths(shown.get("commands")));
        differ(differences, name, "agents", markdown(folder, "agents", false), paths(shown.get("agents")));
        differ(differences, name, "skills", skills(folder), paths(shown.get("skills")));
        differ(differences, name, "hooks", hooks(folder), shownHooks(runs.get("hooks")));
        differ(differences, name, "LSP servers", lspServers(folder, entry), shownServers(runs.get("lspServers"), "program"));
        differ(differences, name, "MCP servers", mcpServers(folder), shownMcpServers(runs.get("mcpServers")));
        for (JsonNode server : runs.get("mcpServers")) {
            if (server.get("transport").stringValue().equals("remote")
                    && !server.get("runBy").stringValue().startsWith("Warden ('warden serve') connects to it")
                    && !server.get("runBy").stringValue().startsWith("no one")) {
                differences.add(name + ": the remote server " + server.get("name") + " does not say who connects to it");
            }
        }
        if (runs.get("problems").size() > 0) {
            differences.add(name + ": problems reading it: " + runs.get("problems"));
        }
        return differences;
    }

    private static void differ(List<String> differences, String plugin, String what, Set<String> inFolder, Set<String> shown) {
        if (!inFolder.equals(shown)) {
            Set<String> hidden = new TreeSet<>(inFolder);
            hidden.removeAll(shown);
            Set<String> extra = new TreeSet<>(shown);
            extra.removeAll(inFolder);
            differences.add(plugin + " " + what + ": not shown " + hidden + ", shown but not in the folder " + extra);
        }
    }

    private static Set<String> markdown(Path folder, String dir, boolean nested) throws IOException {
        return found(folder, dir, root -> Files.walk(root, nested ? Integer.MAX_VALUE : 1)
                .filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".md")));
    }

    private static Set<String> skills(Path folder) throws IOException {
        return found(folder, "skills", root -> Files.list(root).map(s -> s.resolve("SKILL.md")).filter(Files::isRegularFile));
    }

    /** Lists files below a folder; the stream is closed after use. */
    private interface Lister {
        Stream<Path> files(Path root) throws IOException;
    }

    /** What {@code lister} finds in {@code folder/dir}, relative to {@code folder}; nothing where that is not a folder. */
    private static Set<String> found(Path folder, String dir, Lister lister) throws IOException {
        Set<String> files = new TreeSet<>();
        Path root = folder.resolve(dir);
        if (Files.isDirectory(root)) {
            try (Stream<Path> found = lister.files(root)) {
                found.forEach(f -> files.add(folder.relativize(f).toString()));
            }
        }
        return files;
    }

    private static Set<String> hooks(Path folder) throws IOException {
        Set<String> hooks = new TreeSet<>();
        Path file = folder.resolve("hooks/hooks.json");
        if (Files.isRegularFile(file)) {
            JsonNode events = JSON.readTree(Files.readString(file)).get("hooks");
            for (Map.Entry<String, JsonNode> event : events.properties()) {
                for (JsonNode group : event.getValue()) {
                    for (JsonNode hook : group.get("hooks")) {
                        hooks.add(event.getKey() + " " + hook.get("command").stringValue());
                    }
                }
            }
        }
        return hooks;
    }

    private static Set<String> shownHooks(JsonNode hooks) {
        Set<String> shown = new TreeSet<>();
        hooks.forEach(h -> {
            shown.add(h.get("event").stringValue() + " " + h.get("runs").stringValue());
            assertThat(h.get("runBy").stringValue()).contains("no one under Warden");
        });
        return shown;
    }

    private static Set<String> lspServers(Path folder, JsonNode entry) throws IOException {
        Set<String> servers = new TreeSet<>();
        List<JsonNode> sources = new ArrayList<>();
        Optional.ofNullable(entry.get("lspServers")).ifPresent(sources::add);
        if (Files.isRegularFile(folder.resolve(".lsp.json"))) {
            sources.add(JSON.readTree(Files.readString(folder.resolve(".lsp.json"))));
        }
        for (JsonNode source : sources) {
            source.properties().forEach(s -> servers.add(s.getKey() + " " + s.getValue().get("command").stringValue()));
        }
        return servers;
    }

    private static Set<String> mcpServers(Path folder) throws IOException {
        Set<String> servers = new TreeSet<>();
        Path file = folder.resolve(".mcp.json");
        if (Files.isRegularFile(file)) {
            JsonNode node = JSON.readTree(Files.readString(file));
            JsonNode byName = node.has("mcpServers") ? node.get("mcpServers") : node;
            byName.properties().forEach(s -> servers.add(s.getKey() + " "
                    + (s.getValue().has("url") ? s.getValue().get("url").stringValue() : s.getValue().get("command").stringValue())));
        }
        return servers;
    }

    private static Set<String> shownMcpServers(JsonNode servers) {
        Set<String> shown = new TreeSet<>();
        servers.forEach(s -> shown.add(s.get("name").stringValue() + " "
                + (s.get("transport").stringValue().equals("remote") ? s.get("url") : s.get("program")).stringValue()));
        return shown;
    }

    private static Set<String> shownServers(JsonNode servers, String field) {
        Set<String> shown = new TreeSet<>();
        servers.forEach(s -> shown.add(s.get("name").stringValue() + " " + s.get(field).stringValue()));
        return shown;
    }

    private static Set<String> paths(JsonNode items) {
        Set<String> paths = new TreeSet<>();
        items.forEach(i -> paths.add(i.get("path").stringValue()));
        return paths;
    }
}
