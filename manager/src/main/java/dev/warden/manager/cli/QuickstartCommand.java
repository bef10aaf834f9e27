package dev.warden.manager.cli;

import dev.warden.manager.home.WardenHome;
import dev.warden.signing.TrustDirectory;
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
            "Runs in $WARDEN_HOME/demo, which leaves your own",
            "trust and plugins alone: make a publisher key, pack and sign the samples, see an untrusted",
            "bundle refused, trust the publisher, verify, see a tampered copy refused, and install one after",
            "its review. Safe to run again."
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
        Files.createDirectories(bundles);
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
        if (new TrustDirectory(demoHome.userTrustDir(), demoHome.systemTrustDir()).load().find(SAMPLE_PUBLISHER).isPresent()) {
            run(demoContext, "trust", "remove", SAMPLE_PUBLISHER);
        }
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

        step("7. Install: the review shows who signed it and what it may do (--yes accepts it here)");
        Path toInstall = signed.get(signed.size() - 1);
        run(demoContext, "install", toInstall.toString(), "--yes");
        run(demoContext, "list");
        run(demoContext, "audit", "verify");

        out().println();
        out().println("Try it yourself with the demo home: WARDEN_HOME=" + demoHome.root() + " warden grants "
                + SAMPLE_PUBLISHER + "/" + toInstall.getFileName().toString().replaceFirst("^" + SAMPLE_PUBLISHER + "-", "")
                .replaceFirst("\\.wpk$", ""));
        out().println("Next: 'warden dev new acme/my-plugin' scaffolds your own plugin; 'warden --help' lists every command.");
        return ExitCode.OK;
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
