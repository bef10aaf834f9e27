package dev.warden.manager.imports;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.ManifestWriter;
import dev.warden.io.Digests;
import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.mcp.McpEnvVar;
import dev.warden.registry.mcp.McpPackage;
import dev.warden.registry.mcp.McpServerListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a server listed by an MCP Registry into the source folder of an unverified Warden connector
 * plugin: a {@code plugin.json} whose permissions say exactly how the server is started or reached,
 * and a {@code .mcp.json} that starts or reaches it. The result is unsigned, so installing it needs
 * {@code --allow-unverified}; the tools the server offers are not known until it runs, so the
 * manifest declares no connectors.
 *
 * @since 0.1
 */
public final class McpServerImport {

    static final String MANIFEST = "plugin.json";
    static final String MCP_FILE = ".mcp.json";
    private static final int MAX_NAME = 64;
    private static final int MAX_DESCRIPTION = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private McpServerImport() {
    }

    /**
     * Writes into outDir (empty) a plugin source folder {@code warden pack} accepts: plugin.json (Warden
     * manifest, DESIGN §3.1) and .mcp.json for the server.
     *
     * <p>A remote is preferred (streamable HTTP, then SSE): {@code mcp.server <url>} and
     * {@code net.egress <origin>}. Otherwise the first stdio package runs through {@code npx},
     * {@code uvx}, {@code docker run} or {@code dnx}, pinned to its version: {@code mcp.server stdio:<command line>},
     * and {@code process.exec <runner>} when the runner is found on {@code PATH} now. The environment
     * variables the server reads become the manifest's {@code userConfig} (secret ones sensitive) and
     * are passed to the server from there.
     *
     * @param server    a listing from {@link dev.warden.registry.mcp.McpRegistryIndex#servers()}
     * @param publisher the publisher id to import under, kebab-case (e.g. {@code mcp-registry})
     * @param outDir    an empty or not yet existing folder
     * @return the plugin written
     * @throws McpImportException if the publisher is not kebab-case, the version cannot be made SemVer,
     *                            nothing the server offers can be declared, or the folder is not empty
     *                            or cannot be written; the folder is then left as it was
     */
    public static McpImportedPlugin convert(McpServerListing server, String publisher, Path outDir)
            throws McpImportException {
        return convert(server, publisher, outDir, McpRunnerPath.fromEnvironment());
    }

    static McpImportedPlugin convert(McpServerListing server, String publisher, Path outDir, McpRunnerPath runners)
            throws McpImportException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(outDir, "outDir");
        String name = pluginName(server.name());
        PluginId id;
        try {
            id = new PluginId(publisher, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new McpImportException("cannot import " + UnsafeCharacters.quote(server.name()) + " under the publisher "
                    + UnsafeCharacters.quote(String.valueOf(publisher)) + ": " + e.getMessage(), e);
        }
        Version version = version(server.name(), server.version());
        McpLaunch launch = McpLaunch.choose(server, runners);
        if (launch.bundle().isPresent()) {
            throw new McpImportException("the MCP server " + UnsafeCharacters.quote(server.name()) + " is published as the MCPB"
                    + " bundle " + UnsafeCharacters.quote(launch.bundle().get().identifier()) + ", which is installed from"
                    + " its file (downloaded and checked against its fileSha256), not made into a plugin folder here");
        }

        PluginManifest.Builder manifest = PluginManifest.builder(name, version, publisher)
                .description(description(server))
                .keyword("mcp")
                .keyword("mcp-registry");
        server.repositoryUrl().filter(url -> url.startsWith("https://")).ifPresent(manifest::repository);
        launch.permissions().forEach(manifest::permission);
        if (!launch.variables().isEmpty()) {
            manifest.claudeField("userConfig", JSON.writeValueAsString(userConfig(launch.variables())));
        }
        byte[] manifestBytes;
        try {
            manifestBytes = ManifestWriter.toJson(manifest.build());
            // the folder must pass `warden pack`; a manifest the parser refuses would be a bug here, not the person's
            ManifestParser.standard().read(manifestBytes);
        } catch (IllegalArgumentException | ManifestException e) {
            throw new McpImportException("the manifest made for " + UnsafeCharacters.quote(server.name()) + " is not valid: "
                    + e.getMessage() + "; this is a bug in Warden's import, please report it", e);
        }
        ObjectNode mcp = JSON.createObjectNode();
        mcp.putObject("mcpServers").set(name, launch.entry());
        byte[] mcpBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mcp).getBytes(StandardCharsets.UTF_8);

        write(outDir, manifestBytes, mcpBytes);
        List<String> derived = new ArrayList<>();
        for (Permission permission : launch.permissions()) {
            derived.add(permission.kind().id() + " " + permission.scope());
        }
        return new McpImportedPlugin(outDir, id.toString(), version.toString(), derived);
    }

    /**
     * @param server a listing from {@link dev.warden.registry.mcp.McpRegistryIndex#servers()}
     * @return the MCPB package to install the server from, when that is how it is run: it has no remote
     *         Warden can declare, and an MCPB package with a {@code fileSha256} comes before any package
     *         Warden can run otherwise; empty when {@link #convert} makes it
     * @throws McpImportException if nothing the server offers can be declared, as {@link #convert} says
     */
    public static Optional<McpPackage> bundled(McpServerListing server) throws McpImportException {
        return McpLaunch.choose(Objects.requireNonNull(server, "server"), McpRunnerPath.fromEnvironment()).bundle();
    }

    /**
     * The Warden plugin name for a registry server name: kebab-case, ≤ 64 chars, stable, e.g.
     * io.github.user/weather → io-github-user-weather.
     *
     * <p>Accents are dropped ({@code é} → {@code e}), letters lowercased, and every run of other
     * characters becomes one hyphen. A name that would be longer than 64 characters, or that has no
     * letter or digit at all, ends in eight hex digits of the SHA-256 of the full registry name, so
     * that different servers keep different names.
     *
     * @param serverName a registry name such as {@code io.github.user/weather}
     * @return a valid plugin name; the same for the same input, always
     */
    public static String pluginName(String serverName) {
        Objects.requireNonNull(serverName, "serverName");
        String folded = Normalizer.normalize(serverName, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String kebab = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (kebab.isEmpty()) {
            return "mcp-server-" + shortHash(serverName);
        }
        if (kebab.length() > MAX_NAME) {
            String cut = kebab.substring(0, MAX_NAME - 9).replaceAll("-+$", "");
            return cut + "-" + shortHash(serverName);
        }
        return kebab;
    }

    /** Eight hex digits of the name's SHA-256. */
    private static String shortHash(String serverName) {
        return Digests.sha256Hex(serverName).substring(0, 8);
    }

    /**
     * The server's version as SemVer: a leading {@code v} is dropped, missing minor and patch numbers
     * become 0 and leading zeros go ({@code v1.2} → {@code 1.2.0}, {@code 2025.01.07} → {@code 2025.1.7}).
     */
    static Version version(String serverName, String text) throws McpImportException {
        try {
            return LooseVersions.parse(text);
        } catch (IllegalArgumentException e) {
            throw new McpImportException("the MCP server " + UnsafeCharacters.quote(serverName) + " has the version " + UnsafeCharacters.quote(text)
                    + ", which cannot be made a semantic version (" + e.getMessage() + "); Warden needs one to"
                    + " compare updates. Ask its publisher for a MAJOR.MINOR.PATCH version", e);
        }
    }

    private static String description(McpServerListing server) {
        // shown on the review screen: anything that could disguise text is made visible
        String text = UnsafeCharacters.escape(server.description().strip().replaceAll("\\s+", " "));
        if (text.isEmpty()) {
            text = UnsafeCharacters.escape(server.title().orElse("MCP server " + server.name()).strip());
        }
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 3).strip() + "...";
    }

    /**
     * Claude Code's userConfig: one option per value the person sets, typed by its format, secrets kept as
     * sensitive values; the registry's default and choices are kept.
     */
    private static ObjectNode userConfig(List<McpEnvVar> variables) {
        ObjectNode config = JSON.createObjectNode();
        for (McpEnvVar variable : variables) {
            ObjectNode option = config.putObject(variable.name());
            option.put("type", switch (variable.format()) {
                case "number" -> "number";
                case "boolean" -> "boolean";
                case "filepath" -> "file";
                default -> "string";
            });
            option.put("title", variable.name());
            String text = UnsafeCharacters.escape(variable.description().strip().replaceAll("\\s+", " "));
            option.put("description", text.isEmpty() ? "Value " + variable.name() + " the MCP server needs" : text);
            option.put("required", variable.required());
            option.put("sensitive", variable.secret());
            variable.defaultValue().ifPresent(value -> option.put("default", UnsafeCharacters.escape(value)));
            if (!variable.choices().isEmpty()) {
                ArrayNode choices = option.putArray("choices");
                variable.choices().forEach(choice -> choices.add(UnsafeCharacters.escape(choice)));
            }
        }
        return config;
    }

    private static void write(Path outDir, byte[] manifest, byte[] mcp) throws McpImportException {
        Path manifestFile = outDir.resolve(MANIFEST);
        Path mcpFile = outDir.resolve(MCP_FILE);
        boolean created = false;
        try {
            if (Files.exists(outDir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(outDir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new McpImportException(outDir + " is not a folder; give an empty folder for the plugin");
                }
                try (Stream<Path> entries = Files.list(outDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new McpImportException(outDir + " is not empty; give an empty or new folder for the plugin");
                    }
                }
            } else {
                Files.createDirectories(outDir);
                created = true;
            }
            Files.write(manifestFile, manifest, StandardOpenOption.CREATE_NEW);
            Files.write(mcpFile, mcp, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(manifestFile);
                Files.deleteIfExists(mcpFile);
                if (created) {
                    Files.deleteIfExists(outDir);
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new McpImportException("cannot write the plugin into " + outDir + ": " + e.getMessage(), e);
        }
    }
}
