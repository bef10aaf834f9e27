package dev.warden.manager.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A plugin, {@code warden-samples/peek}, whose one tool {@code peek} reads the file named by its {@code path}
 * argument and is granted {@code ${workspace}} only: a file there comes back, any other is a denied capability.
 */
public final class PeekPlugin {

    /** The tool's name as the gateway serves it. */
    public static final String TOOL = "warden-samples_peek__peek";

    private PeekPlugin() {
    }

    /**
     * Writes the plugin's source folder (manifest and compiled classes), ready to be packed and signed.
     *
     * @param work a folder of the test's own; the plugin is built in {@code work/src/peek-VERSION}
     * @return the plugin folder
     */
    public static Path writeTo(Path work) throws IOException {
        return writeTo(work, "1.0.0", "Reads a file");
    }

    /** As {@link #writeTo(Path)}, at {@code version} with the tool described as {@code description}. */
    public static Path writeTo(Path work, String version, String description) throws IOException {
        return writeTo(work, version, description, java.util.List.of("fs.read ${workspace}/**"));
    }

    /**
     * As {@link #writeTo(Path)}, asking for other permissions instead of reading the workspace.
     *
     * @param permissions each as {@code KIND SCOPE}, e.g. {@code fs.read ${home}/**}
     */
    public static Path writeTo(Path work, java.util.List<String> permissions) throws IOException {
        return writeTo(work, "1.0.0", "Reads a file", permissions);
    }

    private static Path writeTo(Path work, String version, String description, java.util.List<String> permissions)
            throws IOException {
        PluginSource source = PluginSource.plugin("warden-samples", "peek").version(version).pluginClass("com.acme.peek.Main");
        for (String permission : permissions) {
            int space = permission.indexOf(' ');
            source.permission(permission.substring(0, space), permission.substring(space + 1), "read the file you name");
        }
        Path src = source
                .connector("peek", description, "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}")
                .writeTo(work.resolve("src/peek-" + version));
        FixturePlugin.in(work.resolve("compiled/peek-" + version)).source("com.acme.peek.Main", """
                package com.acme.peek;
                import dev.warden.api.*;
                import java.util.List;
                import java.util.Set;
                public final class Main implements WardenPlugin, Connector {
                    public void start(PluginContext context) { }
                    public List<Connector> connectors() { return List.of(this); }
                    public void stop() { }
                    public Set<String> tools() { return Set.of("peek"); }
                    public ToolResult call(ToolCall call, PluginContext context) throws ToolException {
                        String path = call.input().get("path").orElseThrow().asString();
                        try {
                            return ToolResult.text(new String(context.files().read(path).orElse(new byte[0]),
                                    java.nio.charset.StandardCharsets.UTF_8));
                        } catch (dev.warden.api.capability.CapabilityException e) {
                            throw new ToolException(e.getMessage());
                        }
                    }
                }
                """).buildInto(src);
        return src;
    }
}
