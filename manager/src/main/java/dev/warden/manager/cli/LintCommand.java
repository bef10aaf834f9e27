package dev.warden.manager.cli;

import dev.warden.catalog.manifest.LintFinding;
import dev.warden.catalog.manifest.LintReport;
import dev.warden.catalog.manifest.ManifestLinter;
import dev.warden.io.UnsafeCharacters;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {
            "Check a plugin folder's manifest and layout before packing.",
            "",
            "Reports manifest problems with their JSON path, and layout problems: skills, agents, file",
            "names the bundle format refuses, symlinks. Exits 1 when there are errors."
        },
        footer = {"", "Examples:", "  warden lint my-plugin/", "  warden lint --strict my-plugin/target/plugin"})
final class LintCommand extends BaseCommand {

    @Parameters(paramLabel = "SRC_DIR", description = "The plugin folder (plugin.json or .claude-plugin/plugin.json inside).")
    Path source;

    @Option(names = "--strict", description = "Also treat unknown fields and other warnings as errors.")
    boolean strict;

    @Override
    int execute() throws Exception {
        LintReport report = new ManifestLinter().lint(existingFolder(source), strict);
        print(report, out());
        if (report.hasErrors()) {
            return ExitCode.ERROR;
        }
        out().println(report.findings().isEmpty() ? source + ": no problems found" : source + ": no errors");
        return ExitCode.OK;
    }

    static void print(LintReport report, PrintWriter out) {
        for (LintFinding finding : report.findings()) {
            out.printf("%-7s %s: %s%n", finding.severity().toString().toLowerCase(java.util.Locale.ROOT),
                    UnsafeCharacters.escape(finding.location()), UnsafeCharacters.escapeMultiline(finding.message()));
        }
    }
}
