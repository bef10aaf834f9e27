package dev.warden.manager.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.manager.imports.ClaudeImportedPlugin;
import dev.warden.manager.imports.ClaudePluginImport;
import dev.warden.registry.git.ClaudeListing;
import dev.warden.registry.git.ClaudeMarketplace;
import dev.warden.registry.git.GitMarketplace;
import dev.warden.registry.git.PluginSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision on real marketplaces no one on this project wrote (the snapshots of ../shared/corpus): every
 * plugin held in the repository is imported and scanned as install does, and none may be refused. The flags
 * that remain are printed, so a change in precision shows in the build log. Skipped where the corpus is absent.
 */
class HonestCorpusTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"claude-plugins-official", "anthropic-skills"})
    void noPluginOfARealMarketplaceIsRefusedByTheStaticCheck(String snapshot) throws Exception {
        Optional<Path> bundle = corpus(snapshot + ".bundle");
        assumeTrue(bundle.isPresent(), "the corpus snapshot " + snapshot + ".bundle is not present next to the repository");
        Path repo = tmp.resolve("repo");
        String commit = GitMarketplace.cloneInto(bundle.get().toString(), repo);
        ClaudeMarketplace marketplace = GitMarketplace.read(repo, commit);

        ContentScanner scanner = new ContentScanner();
        Map<String, List<Finding>> refused = new TreeMap<>();
        Map<String, Integer> flagged = new TreeMap<>();
        int scanned = 0;
        for (ClaudeListing listing : marketplace.plugins()) {
            if (!(listing.source() instanceof PluginSource.Relative)) {
                continue; // held in other repositories, which cannot be fetched here
            }
            Path source = GitMarketplace.materialise(repo, commit, listing, tmp.resolve("work-" + scanned), location -> {
                throw new IllegalStateException("a local plugin fetched " + location);
            });
            ClaudeImportedPlugin imported = ClaudePluginImport.convert(source, "corpus", listing,
                    tmp.resolve("plugin-" + scanned));
            List<Finding> findings = scanAsInstallDoes(scanner, imported.dir());
            scanned++;
            List<Finding> refusing = findings.stream().filter(Finding::refusesInstall).toList();
            if (!refusing.isEmpty()) {
                refused.put(listing.name(), refusing);
            }
            if (System.getenv("CORPUS_DEBUG") != null) { // every finding, when tuning the rules
                findings.forEach(f -> System.out.println(listing.name() + " " + f));
            }
            if (!findings.isEmpty()) {
                flagged.put(listing.name(), findings.size());
            }
        }

        System.out.printf("%s: %d local plugins scanned, %d refused, %d flags in %d plugins %s%n", snapshot, scanned,
                refused.size(), flagged.values().stream().mapToInt(Integer::intValue).sum(), flagged.size(), flagged);
        long local = marketplace.plugins().stream().filter(p -> p.source() instanceof PluginSource.Relative).count();
        assertThat(scanned).isEqualTo(local).isPositive();
        assertThat(refused).as("plugins the static check refuses").isEmpty();
    }

    /** The manifest's description and tools, then every Markdown file of the extracted bundle (BundleIntake). */
    private static List<Finding> scanAsInstallDoes(ContentScanner scanner, Path dir) throws Exception {
        PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(dir.resolve("plugin.json")));
        List<Finding> findings = new ArrayList<>();
        manifest.description().ifPresent(d -> findings.addAll(scanner.scan("plugin.json:$.description", d)));
        for (ConnectorSpec connector : manifest.connectors()) {
            findings.addAll(scanner.scan("plugin.json connector", connector.name()));
            findings.addAll(scanner.scan("plugin.json connector", connector.description()));
        }
        findings.addAll(scanner.scanMarkdownFiles(dir));
        return findings;
    }

    /** {@code shared/corpus/NAME} next to the repository (or a worktree of it), found by walking up. */
    static Optional<Path> corpus(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
