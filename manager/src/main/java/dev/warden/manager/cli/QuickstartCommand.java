package dev.warden.manager.cli;

import dev.warden.io.FileTrees;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;

/**
 * The first thing a newcomer runs: the developer path end to end on the sample plugins, in a demo
 * home of its own, each step shown as the command a person would type.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {
            "A guided tour on the sample plugins, in a demo home.",
            "",
            "Runs in $WARDEN_HOME/demo (or --home DIR/demo), which leaves your own trust and plugins alone:",
            "make a publisher key, pack and sign the samples, see an untrusted bundle refused, trust the",
            "publisher, verify, see a tampered copy refused, publish the samples into a local signed",
            "marketplace, add it, search it, install a plugin after its review, run one of its tools, read",
            "the audit trail, and see how to connect an MCP client. Safe to run again: the demo home and",
            "marketplace are made afresh each time; the demo key is kept."
        })
final class QuickstartCommand extends BaseCommand {

    static final String SAMPLE_PUBLISHER = "warden-samples";
    static final String REPOSITORY_PROPERTY = "warden.repository";

    @Override
    int execute() throws Exception {
        List<Path> samples = samples();
        Path demo = home().root().resolve("demo");
        Path keys = demo.resolve("keys");
        Path bundles = demo.resolve("bundles");
        Path repo = demo.resolve("marketplace");
        Path workspace = demo.resolve("workspace");
        // A fresh demo home and marketplace each run, so that running the tour again tells the same story.
        for (Path old : List.of(demo.resolve("home"), demo.resolve("system"), repo, bundles)) {
            if (Files.exists(old)) {
                FileTrees.deleteTree(old);
            }
        }
        Files.createDirectories(bundles);
        Files.createDirectories(workspace);
        WardenHome demoHome = new WardenHome(demo.resolve("home"), demo.resolve("system"));
        Map<String, String> env = new HashMap<>(context().env());
        env.put(WardenHome.HOME_VARIABLE, demoHome.root().toString());
        env.put(WardenHome.SYSTEM_VARIABLE, demoHome.systemDir().toString());
        // The demo shows refusals in line with the steps, so its errors go to the same stream.
        CliContext demoContext = new CliContext(env, context().in(), out(), out(), context().clock(), false);

        out().println("Warden quickstart: the path from a plugin folder to a verified, signed bundle.");
        out().println("Demo home: " + demo + " (your own trusted publishers are not touched).");

        step("1. A publisher signing key (kept if it exists)");
        if (!Files.exists(keys.resolve(SAMPLE_PUBLISHER + ".key"))) {
            run(demoContext, "keys", "generate", "--publisher", SAMPLE_PUBLISHER, "--name", "Warden sample plugins",
                    "--out", keys.toString());
        } else {
            out().println("   (" + keys.resolve(SAMPLE_PUBLISHER + ".key") + " already exists)");
        }

        step("2. Lint, pack and sign each sample plugin");
        List<Path> signed = new ArrayList<>();
        for (Path sample : samples) {
            Path bundle = bundles.resolve(SAMPLE_PUBLISHER + "-" + sample.getParent().getParent().getFileName() + ".wpk");
            run(demoContext, "lint", sample.toString());
            run(demoContext, "pack", sample.toString(), "--out", bundle.toString());
            run(demoContext, "sign", bundle.toString(), "--key", keys.resolve(SAMPLE_PUBLISHER + ".key").toString());
            signed.add(bundle);
        }

        step("3. Before you trust the publisher, its bundles are refused (exit 3)");
        expect(ExitCode.REFUSED, demoContext, "verify", signed.get(0).toString());

        step("4. Trust the publisher (a person checks the fingerprint; --yes skips the question here)");
        run(demoContext, "trust", "add", keys.resolve(SAMPLE_PUBLISHER + ".pub.json").toString(), "--yes");

        step("5. Verify: every byte signed by a trusted key; permissions in plain words, highest risk first");
        for (Path bundle : signed) {
            expect(ExitCode.OK, demoContext, "verify", bundle.toString());
        }

        step("6. One changed byte after signing and the bundle is refused (exit 4)");
        Path tampered = bundles.resolve("tampered-copy.wpk.tmp");
        tamper(signed.get(0), tampered);
        expect(ExitCode.INTEGRITY, demoContext, "verify", tampered.toString());
        Files.deleteIfExists(tampered);

        step("7. Publish the signed samples into a marketplace: a folder any web server can serve as it is");
        String key = keys.resolve(SAMPLE_PUBLISHER + ".key").toString();
        run(demoContext, "repo", "init", repo.toString(), "--key", key);
        for (Path bundle : signed) {
            run(demoContext, "publish", bundle.toString(), "--repo", repo.toString(), "--key", key);
        }

        step("8. Add the marketplace (a person checks the root key's fingerprint; --yes accepts it here)");
        run(demoContext, "marketplace", "add", "demo", repo.toString(), "--yes");

        step("9. Search it");
        run(demoContext, "search", "notes");

        step("10. Install from it. The review below is what a person reads before answering y/N: who signed");
        out().println("    the plugin, every permission in plain words with its risk and reason, its tools, skills");
        out().println("    and sub-agents, and what the content scan found. --yes answers for the demo.");
        run(demoContext, "install", SAMPLE_PUBLISHER + "/notes", "--yes");
        run(demoContext, "list");

        step("11. Run one of its tools, inside its grants (its data stays in its own folder). Where bubblewrap");
        out().println("    works ('ISOLATION process' above), the plugin's code runs in a sandbox of its own: only its");
        out().println("    granted folders, no network but its granted hosts, and Warden answers each capability use.");
        run(demoContext, "run", SAMPLE_PUBLISHER + "/notes", "add", "--input",
                "{\"text\":\"try Warden with my agent\",\"tags\":[\"todo\"]}", "--workspace", workspace.toString());
        run(demoContext, "run", SAMPLE_PUBLISHER + "/notes", "search", "--input", "{\"query\":\"agent\"}",
                "--workspace", workspace.toString());

        step("12. The audit trail: every install, tool call and file use, hash-chained");
        run(demoContext, "audit", "--plugin", SAMPLE_PUBLISHER + "/notes");
        run(demoContext, "audit", "verify");

        step("13. Connect an MCP client (Claude Desktop: claude_desktop_config.json; Claude Code: .mcp.json)");
        out().println("    {\"mcpServers\": {\"warden\": {\"command\": \"" + launcher() + "\", \"args\": [\"serve\"],");
        out().println("      \"env\": {\"WARDEN_HOME\": \"" + demoHome.root() + "\"}}}}");
        out().println("    The client then sees warden-samples_notes__add and the other tools, and the skills as prompts.");

        out().println();
        out().println("Try it yourself with the demo home: WARDEN_HOME=" + demoHome.root() + " warden grants "
                + SAMPLE_PUBLISHER + "/notes");
        out().println("Next: 'warden dev new acme/my-plugin' scaffolds your own plugin; 'warden --help' lists every command.");
        return ExitCode.OK;
    }

    /** The launcher to put in a client's configuration: the repository's ./warden when known. */
    static String launcher() {
        String repository = System.getProperty(REPOSITORY_PROPERTY);
        return repository == null ? "warden" : Path.of(repository, "warden").toAbsolutePath().normalize().toString();
    }

    private void step(String title) {
        out().println();
        out().println(title);
    }

    private void run(CliContext demoContext, String... args) throws CommandException {
        expect(ExitCode.OK, demoContext, args);
    }

    private void expect(int expected, CliContext demoContext, String... args) throws CommandException {
        out().println("   $ warden " + String.join(" ", args));
        out().flush();
        int code = WardenMain.run(demoContext, args);
        if (code != expected) {
            throw CommandException.error("quickstart step 'warden " + String.join(" ", args) + "' exited " + code
                    + " instead of " + expected);
        }
    }

    private static List<Path> samples() throws IOException, CommandException {
        String repository = System.getProperty(REPOSITORY_PROPERTY);
        Path root = repository == null ? null : Path.of(repository, "sample-plugins");
        List<Path> found = new ArrayList<>();
        if (root != null && Files.isDirectory(root)) {
            try (Stream<Path> modules = Files.list(root)) {
                modules.map(m -> m.resolve("target").resolve("plugin"))
                        .filter(p -> Files.isRegularFile(p.resolve("plugin.json")))
                        .sorted()
                        .forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            throw CommandException.error("quickstart needs the sample plugins built from the Warden repository;"
                    + " run it through the repository's ./warden launcher (it builds them)");
        }
        return found;
    }

    /** Copies {@code bundle} changing one byte of one skill, the way an attacker would edit it after signing. */
    private static void tamper(Path bundle, Path copy) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            boolean changed = false;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (!changed && entry.getName().endsWith(".md")) {
                    data[data.length - 2] ^= 0x20;
                    changed = true;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
