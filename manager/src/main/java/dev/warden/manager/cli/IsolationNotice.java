package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.io.UnsafeCharacters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@code list}, {@code info}, {@code install}, {@code update} and {@code enable} tell the person how a
 * plugin runs: quietly when it has its own sandbox, loudly when it runs in-process or will not run at all.
 */
final class IsolationNotice {

    /** What {@code list} prints for a plugin that runs in Warden's own process. */
    static final String IN_PROCESS_MARK = "in-process!";
    /** What {@code list} prints for a plugin this machine refuses to run. */
    static final String REFUSED_MARK = "refused!";
    /** {@code info --json}'s isolation of a plugin that runs nothing: no code, no MCP server. */
    static final String NONE = "none";

    private static final String NO_SANDBOX = "inside Warden, with no OS sandbox: only bytecode checks and the broker"
            + " hold it to its grants";

    private IsolationNotice() {
    }

    /**
     * @param manifest the installed manifest
     * @param folder   the installed version's folder
     * @return whether anything of the plugin runs: its own code (a plugin class) or an MCP server it declares
     *     ({@code mcpServers} in the manifest, or a {@code .mcp.json}); skills and sub-agents alone run nothing
     */
    static boolean runsCode(PluginManifest manifest, Path folder) {
        return manifest.pluginClass().isPresent() || manifest.claudeField("mcpServers").isPresent()
                || Files.exists(folder.resolve(".mcp.json"));
    }

    /** @return the {@code ISOLATION} column of {@code list}: {@code process}, {@code in-process!} or {@code refused!} */
    static String mark(IsolationDecision decision) {
        return switch (decision.verdict()) {
            case PROCESS -> "process";
            case IN_PROCESS -> IN_PROCESS_MARK;
            case REFUSED -> REFUSED_MARK;
        };
    }

    /** @return the line under {@code list}'s table that explains its mark, once; empty for process isolation */
    static Optional<String> footnote(IsolationDecision decision) {
        return switch (decision.verdict()) {
            case PROCESS -> Optional.empty();
            case IN_PROCESS -> Optional.of(IN_PROCESS_MARK + " plugins' code and MCP servers run " + NO_SANDBOX + ". Why: "
                    + UnsafeCharacters.escape(decision.reason()));
            case REFUSED -> Optional.of(REFUSED_MARK + " plugins' code and MCP servers do not run on this machine: "
                    + UnsafeCharacters.escape(decision.reason()));
        };
    }

    /** @return {@code info}'s isolation line, after its label */
    static String infoLine(IsolationDecision decision, boolean runsCode) {
        if (!runsCode) {
            return "none needed: no code or MCP servers to run";
        }
        String reason = UnsafeCharacters.escape(decision.reason());
        return switch (decision.verdict()) {
            case PROCESS -> "process, its own sandbox (" + reason + ")";
            case IN_PROCESS -> "IN-PROCESS, " + NO_SANDBOX + ". Why: " + reason;
            case REFUSED -> "REFUSED: it will not run here. " + reason;
        };
    }

    /** @return {@code info --json}'s isolation fields: the verdict ({@code none} when nothing runs) and the reason */
    static Map<String, Object> json(IsolationDecision decision, boolean runsCode) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("isolation", runsCode ? decision.verdict().id() : NONE);
        fields.put("isolationReason", runsCode ? decision.reason() : "no code or MCP servers to run");
        return fields;
    }

    /**
     * After plugins were installed, updated or enabled: a warning on {@code err} when they will run in-process
     * or not at all; nothing when they get their own sandbox or none of them runs code.
     *
     * @param runningCode the plugins that run code (see {@link #runsCode}); the others are left out
     */
    static void warn(PrintWriter err, List<PluginId> runningCode, IsolationDecision decision) {
        if (runningCode.isEmpty()) {
            return;
        }
        String who = runningCode.stream().map(PluginId::toString).collect(Collectors.joining(", "));
        String reason = UnsafeCharacters.escape(decision.reason());
        switch (decision.verdict()) {
            case IN_PROCESS -> err.println("warning: " + who + " will run IN-PROCESS, " + NO_SANDBOX + ". Why: " + reason);
            case REFUSED -> err.println("warning: " + who + " will NOT RUN on this machine (installed all the same): " + reason);
            case PROCESS -> { }
        }
        err.flush();
    }
}
