package dev.warden.manager.mcpb;

import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.ManifestWriter;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.AtomicFiles;
import dev.warden.io.UnsafeCharacters;
import dev.warden.io.WardenException;
import dev.warden.manager.gateway.ServerLaunchVerifier;
import dev.warden.manager.imports.LooseVersions;
import dev.warden.manager.imports.McpRunnerPath;
import dev.warden.manager.imports.McpServerImport;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.signing.BundleLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a checked MCPB bundle into the source folder of an unverified Warden plugin: the bundle's
 * files, a {@code plugin.json} whose permissions say exactly what runs, and a {@code .mcp.json} with
 * its one stdio server, {@code ${__dirname}} written as the installed folder
 * ({@code ${CLAUDE_PLUGIN_ROOT}}) and {@code ${user_config.X}} kept, so that the value comes from the
 * secret {@code unverified-mcpb_<name>__X}. Nothing asks for network: the server gets none unless granted.
 *
 * @since 0.1
 */
public final class McpbImport {

    /** The namespace every MCPB bundle installs under: no Warden publisher signed it. */
    public static final String SOURCE = "mcpb";
    private static final String DIRNAME = "${__dirname}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private McpbImport() {
    }

    /**
     * @param bundle the checked bundle
     * @param outDir an absent or empty folder
     * @param runners where a bare command such as {@code node} is looked up, for its {@code process.exec}
     * @return the plugin's id ({@code unverified-mcpb/<name>}) and the folder
     * @throws WardenException when the bundle's files cannot be extracted, it holds a plugin.json or
     *                         .mcp.json of its own, or its server cannot be declared
     */
    public static Imported convert(McpbBundle bundle, Path outDir, McpRunnerPath runners) throws WardenException {
        return convert(bundle, UnverifiedNamespace.id(SOURCE, McpServerImport.pluginName(bundle.manifest().name())), outDir,
                runners);
    }

    /**
     * As {@link #convert(McpbBundle, Path, McpRunnerPath)}, under the id a marketplace gives the bundle
     * ({@code unverified-<registry>/<name>} for an MCP Registry's MCPB package).
     */
    public static Imported convert(McpbBundle bundle, PluginId id, Path outDir, McpRunnerPath runners) throws WardenException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(id, "id");
        McpbManifest manifest = bundle.manifest();
        String name = id.name();
        Version version = LooseVersions.parse(manifest.version());
        McpbManifest.Server server = manifest.server();
        String command = dirname(server.command());
        List<String> args = server.args().stream().map(McpbImport::dirname).toList();
        List<String> words = new ArrayList<>();
        words.add(command);
        words.addAll(args);
        String commandLine = String.join(" ", words);

        PluginManifest.Builder plugin = PluginManifest.builder(name, version, id.publisher())
                .description(description(manifest))
                .keyword("mcp")
                .keyword("mcpb");
        List<Permission> permissions = new ArrayList<>();
        try {
            permissions.add(Permission.of(PermissionKind.MCP_SERVER, "stdio:" + commandLine,
                    "Start the MCPB extension's " + server.type() + " server " + manifest.name()));
            if (!command.startsWith(ServerLaunchVerifier.PLUGIN_ROOT)) {
                Path program = runners.find(command).orElseThrow(() -> new McpbManifestException("the MCPB extension "
                        + UnsafeCharacters.quote(manifest.name()) + " runs " + UnsafeCharacters.quote(command)
                        + ", which is not on the PATH; install it first"));
                permissions.add(Permission.of(PermissionKind.PROCESS_EXEC, program.toString(),
                        "Run " + command + ", which starts the MCPB extension " + manifest.name()));
            }
        } catch (IllegalArgumentException e) {
            throw new McpbManifestException("the MCPB extension " + UnsafeCharacters.quote(manifest.name())
                    + " runs a command line Warden cannot declare: " + e.getMessage(), e);
        }
        permissions.forEach(plugin::permission);
        if (!manifest.userConfig().isEmpty()) {
            plugin.claudeField("userConfig", JSON.writeValueAsString(userConfig(manifest)));
        }
        byte[] manifestBytes;
        try {
            manifestBytes = ManifestWriter.toJson(plugin.build());
            ManifestParser.standard().read(manifestBytes);
        } catch (IllegalArgumentException | ManifestException e) {
            throw new McpbManifestException("the manifest made for the MCPB extension " + UnsafeCharacters.quote(manifest.name())
                    + " is not valid: " + e.getMessage(), e);
        }
        ObjectNode mcp = JSON.createObjectNode();
        ObjectNode entry = mcp.putObject("mcpServers").putObject(name);
        entry.put("command", command);
        args.forEach(entry.putArray("args")::add);
        if (!server.env().isEmpty()) {
            ObjectNode env = entry.putObject("env");
            server.env().forEach((key, value) -> env.put(key, dirname(value)));
        }
        bundle.archive().extract(outDir, BundleLimits.defaults());
        for (String own : List.of("plugin.json", ".mcp.json")) {
            if (Files.exists(outDir.resolve(own), LinkOption.NOFOLLOW_LINKS)) {
                throw new McpbManifestException("the MCPB extension " + UnsafeCharacters.quote(manifest.name())
                        + " holds a " + own + " of its own, which Warden would have to replace; it cannot be installed");
            }
        }
        try {
            AtomicFiles.write(outDir.resolve("plugin.json"), manifestBytes);
            AtomicFiles.write(outDir.resolve(".mcp.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mcp)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new McpbManifestException("cannot write the plugin made from " + bundle.archive().file() + ": " + e.getMessage(), e);
        }
        return new Imported(id, version, outDir);
    }

    /**
     * @param id      {@code unverified-mcpb/<name>}
     * @param version the bundle's version
     * @param dir     the plugin's source folder
     */
    public record Imported(PluginId id, Version version, Path dir) {
    }

    private static String dirname(String text) {
        return text.replace(DIRNAME, ServerLaunchVerifier.PLUGIN_ROOT);
    }

    private static String description(McpbManifest manifest) {
        String text = manifest.description().isBlank() ? "MCPB extension " + manifest.name() : manifest.description();
        return UnsafeCharacters.escape(text.strip().replaceAll("\\s+", " ")) + " (MCPB extension by "
                + UnsafeCharacters.escape(manifest.author()) + ")";
    }

    /** Claude Code's userConfig, which has the same types and sensitivity as MCPB's. */
    private static ObjectNode userConfig(McpbManifest manifest) {
        ObjectNode config = JSON.createObjectNode();
        for (McpbManifest.Option option : manifest.userConfig()) {
            ObjectNode node = config.putObject(option.key());
            node.put("type", option.type());
            node.put("title", option.title());
            node.put("description", option.title());
            node.put("required", option.required());
            node.put("sensitive", option.sensitive());
            option.defaults().forEach(node::set);
        }
        return config;
    }
}
