package dev.warden.manager.host;

import dev.warden.api.PluginContext;
import dev.warden.api.WardenPlugin;
import dev.warden.catalog.manifest.PluginManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pf4j.AbstractPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.VersionManager;

/**
 * PF4J driven the Warden way (DESIGN 6.1): the repository is the list of installed, enabled versions the
 * host hands over; descriptors are {@code plugin.json}; each plugin gets an {@link IsolatedClassLoader}
 * after its code is checked again; and a plugin is a {@link HostedPlugin} holding the capabilities it was
 * granted. Nothing is read from PF4J's own folders, files or system properties.
 */
final class WardenPluginManager extends AbstractPluginManager {

    private final List<Path> pluginPaths;
    private final Predicate<String> jdkClasses;
    private final Function<PluginManifest, PluginContext> contexts;
    private final ToolRunner runner;
    private final Duration startLimit;
    private final boolean ready;
    private final PreparedPlugins prepared;

    /**
     * @param pluginsRoot the folder installed plugins live under ({@code $WARDEN_HOME/plugins})
     * @param pluginPaths the version folders to load, one per plugin
     * @param jdkClasses  the JDK classes plugin code may have (the bytecode allowlist's)
     * @param contexts    the granted capabilities of each plugin
     */
    WardenPluginManager(Path pluginsRoot, List<Path> pluginPaths, PreparedPlugins prepared, Predicate<String> jdkClasses,
                        Function<PluginManifest, PluginContext> contexts, ToolRunner runner, Duration startLimit) {
        super(List.of(pluginsRoot));
        this.pluginPaths = List.copyOf(pluginPaths);
        this.prepared = prepared;
        this.jdkClasses = jdkClasses;
        this.contexts = contexts;
        this.runner = runner;
        this.startLimit = startLimit;
        this.ready = true;
        initialize();
    }

    /**
     * Loads every plugin handed over, each on its own: one that fails is reported and the others load.
     *
     * @param failed receives the folder and the reason of each plugin that could not be loaded
     */
    void loadAll(BiConsumer<Path, String> failed) {
        prepared.await();
        for (Path path : pluginPaths) {
            try {
                loadPluginFromPath(path);
            } catch (RuntimeException | LinkageError e) {
                failed.accept(path, HostedPlugin.failure(e));
            }
        }
        resolvePlugins();
    }

    /**
     * Stops and unloads every plugin. Warden's plugins have no dependencies on each other, so the graph is not
     * resolved again after each one (PF4J's {@code unloadPlugins} does, which costs time squared in the plugins).
     */
    void unloadAll() {
        for (PluginWrapper wrapper : List.copyOf(getPlugins())) {
            unloadPlugin(wrapper.getPluginId(), false, false);
        }
    }

    /** PF4J's constructor calls this before this class's fields are set; it runs once they are. */
    @Override
    protected void initialize() {
        if (ready) {
            super.initialize();
        }
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new ListedPluginRepository(pluginPaths);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return this::create;
    }

    private Plugin create(PluginWrapper wrapper) {
        PluginManifest manifest = ((ManifestDescriptor) wrapper.getDescriptor()).manifest();
        Optional<Class<? extends WardenPlugin>> code = Optional.empty();
        if (manifest.pluginClass().isPresent()) {
            String name = manifest.pluginClass().get();
            Class<?> type;
            try {
                type = Class.forName(name, false, wrapper.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginRuntimeException("its plugin class " + name + " cannot be loaded: " + e.getMessage());
            }
            if (!WardenPlugin.class.isAssignableFrom(type)) {
                throw new PluginRuntimeException("its plugin class " + name + " does not implement " + WardenPlugin.class.getName());
            }
            code = Optional.of(type.asSubclass(WardenPlugin.class));
        }
        return new HostedPlugin(manifest, code, contexts.apply(manifest), runner, startLimit);
    }

    /**
     * None: a plugin's tools come from its {@code WardenPlugin}'s connectors, never from PF4J extensions, and nothing
     * asks this manager for extensions. The same holds for {@link #createExtensionFinder()}.
     */
    @Override
    protected ExtensionFactory createExtensionFactory() {
        return null;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return prepared;
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        return null;
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // Only enabled plugins are handed over; whether a plugin is enabled is Warden's catalog's to say.
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
            }

            @Override
            public void enablePlugin(String pluginId) {
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(prepared::report, jdkClasses);
    }

    /**
     * None: a {@link ManifestDescriptor} requires any system version and names no PF4J dependencies, so PF4J never
     * compares versions; Warden's own version rules are the catalog's.
     */
    @Override
    protected VersionManager createVersionManager() {
        return null;
    }
}
