package dev.warden.manager.host;

import dev.warden.api.PluginContext;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.verify.BytecodeVerifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of one plugin (DESIGN 6.1). It sees three things and nothing else: the plugin's own
 * {@code classes/} and {@code lib/*.jar}, the plugin API's packages (from Warden, so that plugin and host
 * share those types), and the JDK classes the bytecode allowlist lets plugins use. It has no parent: the
 * host's classes (Warden, Jackson, PF4J) and other plugins' classes are not found, whatever the plugin
 * asks for by name, and code that slipped past the bytecode verifier cannot link against a JDK class the
 * allowlist refuses (a {@link NoClassDefFoundError} at the call).
 */
final class IsolatedClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String API_PREFIX = "dev.warden.api.";
    private static final ClassLoader API = PluginContext.class.getClassLoader();
    private static final ClassLoader JDK = ClassLoader.getPlatformClassLoader();

    /** The plugin API and JDK classes plugins were given, shared by every plugin's loader: each asks for the same few. */
    private static final Map<String, Class<?>> SHARED = new ConcurrentHashMap<>();

    private final Predicate<String> jdkClasses;

    /**
     * @param plugin the plugin whose code this loads (names the loader in stack traces)
     * @param code   the plugin's {@code classes/} folder and jars
     * @param jdkClasses decides which JDK classes the plugin may have
     */
    IsolatedClassLoader(PluginId plugin, List<URL> code, Predicate<String> jdkClasses) {
        super("warden-plugin:" + plugin, code.toArray(URL[]::new), null);
        this.jdkClasses = Objects.requireNonNull(jdkClasses, "jdkClasses");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> found = findLoadedClass(name);
            if (found == null) {
                found = locate(name);
            }
            if (resolve) {
                resolveClass(found);
            }
            return found;
        }
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        Class<?> shared = SHARED.get(name);
        if (shared != null) {
            return shared;
        }
        if (name.startsWith(API_PREFIX)) {
            return share(name, API.loadClass(name));
        }
        if (jdkClasses.test(name)) {
            return share(name, JDK.loadClass(name));
        }
        if (BytecodeVerifier.isReservedClassName(name)) {
            throw new ClassNotFoundException(name + " is not among the JDK classes a plugin may use (see Warden's"
                    + " bytecode allowlist)");
        }
        return findClass(name);
    }

    private static Class<?> share(String name, Class<?> type) {
        SHARED.putIfAbsent(name, type);
        return type;
    }
}
