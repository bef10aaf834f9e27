package dev.warden.manager.cli;

import dev.warden.catalog.manifest.LintReport;
import dev.warden.catalog.manifest.ManifestLinter;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.PackResult;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {
            "Build an unsigned bundle (.wpk) from a plugin folder.",
            "",
            "plugin.json goes to the root and every file is listed with its size and SHA-256 in",
            "META-INF/warden/files.json. The folder is linted first; errors stop the packing."
        },
        footer = {"", "Example:", "  warden pack hello/target/plugin --out dist/acme-hello-0.1.0.wpk"})
final class PackCommand extends BaseCommand {

    @Parameters(paramLabel = "SRC_DIR", description = "The plugin folder.")
    Path source;

    @Option(names = "--out", paramLabel = "FILE.wpk",
            description = "Where to write the bundle (default: ./<publisher>-<name>-<version>.wpk).")
    Path outFile;

    @Override
    int execute() throws Exception {
        LintReport report = new ManifestLinter().lint(existingFolder(source), false);
        LintCommand.print(report, err());
        if (report.hasErrors()) {
            throw CommandException.error("not packed: fix the errors above (warden lint " + source + ")");
        }
        Path target = outFile;
        if (target == null) {
            var manifest = report.manifest().orElseThrow();
            target = Path.of(manifest.publisher() + "-" + manifest.name() + "-" + manifest.version() + ".wpk");
        }
        if (Files.isDirectory(target)) {
            throw CommandException.error(target + " is a folder; --out names the bundle file");
        }
        PackResult result = BundleWriter.pack(source, target, BundleLimits.defaults());
        out().printf("Packed %s %s: %d files, %s -> %s%n", result.identity().pluginId(), result.identity().version(),
                result.fileCount(), Sizes.human(result.totalBytes()), result.bundle());
        out().println("The bundle is unsigned: sign it with 'warden sign " + result.bundle() + " --key KEYFILE'.");
        return ExitCode.OK;
    }
}
