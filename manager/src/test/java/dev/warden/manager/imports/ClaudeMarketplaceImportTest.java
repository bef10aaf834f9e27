package dev.warden.manager.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.ManifestLinter;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.git.ClaudeListing;
import dev.warden.registry.git.ClaudeMarketplace;
import dev.warden.registry.git.GitMarketplace;
import dev.warden.manager.testing.GitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin listed in a git marketplace, from clone to a Warden source folder that parses and lints. */
class ClaudeMarketplaceImportTest {

    @TempDir
    Path tmp;

    @Test
    void importsAPluginFromAGitMarketplaceIntoAFolderThatParsesAndLints() throws Exception {
        Path repo = tmp.resolve("market");
        ClaudePluginImportTest.ClaudePlugin.complete(repo.resolve("plugins/weather"));
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"acme-market\","
                + " \"owner\": {\"name\": \"Acme\"}, \"plugins\": [{\"name\": \"weather\", \"source\": \"./plugins/weather\","
                + " \"version\": \"1.5.0\", \"description\": \"Forecasts\"},"
                + " {\"name\": \"from-npm\", \"source\": {\"source\": \"npm\", \"package\": \"weather\"}}]}");
        String commit;
        commit = GitFixtures.commitAll(repo, "market");
        Function<String, Fetcher> noDownloads = location -> {
            throw new AssertionError("no download expected");
        };

        String pin = GitMarketplace.cloneInto(repo.toUri().toString(), tmp.resolve("clone"));
        ClaudeMarketplace market = GitMarketplace.read(tmp.resolve("clone"), pin);
        ClaudeListing weather = market.plugin("weather").orElseThrow();
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path folder = GitMarketplace.materialise(tmp.resolve("clone"), pin, weather, work, noDownloads);
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(folder, "acme", weather, tmp.resolve("out"), "");

        assertThat(pin).isEqualTo(commit);
        assertThat(market.plugin("from-npm").orElseThrow().source().installable()).isFalse();
        assertThat(imported.id()).isEqualTo("acme/weather");
        assertThat(imported.version()).as("the listing's version wins").isEqualTo("1.5.0");
        PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(imported.dir().resolve("plugin.json")));
        assertThat(new ManifestLinter().lint(imported.dir(), false).hasErrors()).isFalse();
        assertThat(manifest.permissions()).extracting(p -> p.kind().id()).containsExactly("mcp.server", "process.exec",
                "mcp.server", "net.egress");
        assertThat(imported.hooks()).hasSize(1);
    }
}
