package dev.warden.manager.host;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path of the plugin host process: Warden's jars (or class folders, when run from a build) that
 * hold the plugin API, the loader and the wire, and what they use — and nothing else of Warden's, so the sandbox
 * mounts no more than that. Found from where each needed class was loaded, so it is the same whether Warden runs
 * from its jar, from the build, or under a test runner.
 */
final class HostClasspath {

    /** One class from each jar the plugin host process needs. */
    private static final List<String> ANCHORS = List.of(
            "dev.warden.manager.host.PluginProcessMain",   // the manager: loader, wire, verifier rules
            "dev.warden.api.PluginContext",                // the plugin API
            "dev.warden.catalog.manifest.ManifestParser",  // plugin.json
            "dev.warden.io.WardenException",               // the root of the manifest's and state's exceptions
            "org.pf4j.PluginManager",
            "org.slf4j.LoggerFactory",                     // PF4J logs through it
            "tools.jackson.databind.json.JsonMapper",
            "tools.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonProperty",
            "org.objectweb.asm.ClassReader");              // the allowlist's rules are read with it

    /** Optional: a binding that silences PF4J's logging where the build has one. */
    private static final List<String> OPTIONAL_ANCHORS = List.of("org.slf4j.nop.NOPServiceProvider", "org.slf4j.nop.NOPLogger");

    private static final List<Path> ENTRIES = find();

    private HostClasspath() {
    }

    /** @return the class path entries, in order, each an absolute path */
    static List<Path> entries() {
        return ENTRIES;
    }

    /** @return the entries joined for {@code java -cp} */
    static String joined() {
        return String.join(java.io.File.pathSeparator, ENTRIES.stream().map(Path::toString).toList());
    }

    private static List<Path> find() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String anchor : ANCHORS) {
            entries.add(locate(anchor, true));
        }
        for (String anchor : OPTIONAL_ANCHORS) {
            Path found = locate(anchor, false);
            if (found != null) {
                entries.add(found);
            }
        }
        return List.copyOf(new ArrayList<>(entries));
    }

    private static Path locate(String className, boolean required) {
        try {
            Class<?> type = Class.forName(className, false, HostClasspath.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot tell where " + className + " was loaded from");
            }
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (ClassNotFoundException e) {
            if (required) {
                throw new IllegalStateException("Warden's installation lacks " + className + "; rebuild it", e);
            }
            return null;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + className + " was loaded from: " + e.getMessage(), e);
        }
    }
}
