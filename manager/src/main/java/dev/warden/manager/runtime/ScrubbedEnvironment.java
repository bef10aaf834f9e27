package dev.warden.manager.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment every program a plugin starts gets, built from nothing rather than filtered from
 * the host's: used by {@code process.exec} ({@link GrantedExec}), by the OS sandbox and for plugins' external
 * MCP servers.
 *
 * <p>{@code PATH} is {@value #PATH}, {@code LANG} and {@code LC_ALL} are {@code C.UTF-8}, and
 * {@code HOME} is the plugin's data folder (whether or not it exists yet), so the person's dotfiles
 * with their credentials ({@code ~/.gitconfig}, {@code ~/.netrc}, ...) are not used by accident and
 * caches land in the plugin's own folder. Nothing else of the host environment is passed: no
 * {@code LD_*}, {@code DYLD_*}, {@code JAVA_TOOL_OPTIONS}, no token.
 */
public final class ScrubbedEnvironment {

    /** The program search path inside the scrubbed environment. */
    public static final String PATH = "/usr/bin:/bin";

    private ScrubbedEnvironment() {
    }

    /**
     * @param roots the plugin's folders; its data folder becomes {@code HOME}
     * @return the whole environment, in a fixed order, as a new modifiable map
     */
    public static Map<String, String> of(PluginRoots roots) {
        return of(roots.pluginData());
    }

    /**
     * @param pluginData the plugin's data folder, which becomes {@code HOME}
     * @return the whole environment, in a fixed order, as a new modifiable map
     */
    public static Map<String, String> of(Path pluginData) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", pluginData.toString());
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        return env;
    }

    /**
     * Whether a plugin may not set a variable for a program it declares (an external MCP server's {@code env}):
     * those this environment fixes, and those that make the dynamic loader or a runtime load code the grant did
     * not name ({@code LD_PRELOAD}, {@code DYLD_INSERT_LIBRARIES}, {@code JAVA_TOOL_OPTIONS}, ...).
     */
    public static boolean isReserved(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("PATH") || upper.equals("HOME") || upper.startsWith("LD_") || upper.startsWith("DYLD_")
                || upper.equals("JAVA_TOOL_OPTIONS") || upper.equals("_JAVA_OPTIONS") || upper.equals("JDK_JAVA_OPTIONS");
    }
}
