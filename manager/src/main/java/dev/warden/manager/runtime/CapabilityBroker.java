package dev.warden.manager.runtime;

import dev.warden.api.PluginContext;
import dev.warden.api.PluginInfo;
import dev.warden.api.capability.DataShare;
import dev.warden.api.capability.Env;
import dev.warden.api.capability.Exec;
import dev.warden.api.capability.Files;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Notifier;
import dev.warden.api.capability.Scheduler;
import dev.warden.api.capability.Secrets;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.state.StateStore;
import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;

/**
 * The capability broker (DESIGN 6.3): builds the {@link PluginContext} each plugin receives, holding only
 * capabilities scoped to the plugin's effective grants, each reporting every use to the plugin's audit. One
 * broker serves every plugin of a host: plugins that may share data meet in its hub, and scheduled jobs run
 * on its scheduler, which fires only while a host runs it ({@link #scheduler()}, started by {@code serve}).
 */
public final class CapabilityBroker implements AutoCloseable {

    /**
     * What the plugins' capabilities stand on, beyond their grants.
     *
     * @param workspace   the folder {@code ${workspace}} stands for
     * @param userHome    the folder {@code ${home}} stands for
     * @param environment the host's environment, of which {@code env.read} grants show plugins a part
     * @param deletes     asks the person before a file is moved to Warden's trash
     * @param notices     where plugins' notifications to the person go (already marked with the plugin's id)
     * @param clock       the time
     */
    public record Surroundings(Path workspace, Path userHome, Map<String, String> environment, DeleteConsent deletes,
                               Consumer<String> notices, Clock clock) {

        public Surroundings {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(userHome, "userHome");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(deletes, "deletes");
            Objects.requireNonNull(notices, "notices");
            Objects.requireNonNull(clock, "clock");
        }

        /**
         * The surroundings of a command: {@code ${home}} is {@code HOME} from {@code environment}, the clock the system's.
         *
         * @param workspace the folder {@code ${workspace}} stands for
         */
        public static Surroundings of(Path workspace, Map<String, String> environment, DeleteConsent deletes,
                                      Consumer<String> notices) {
            Path userHome = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
            return new Surroundings(workspace, userHome, environment, deletes, notices, Clock.systemUTC());
        }
    }

    private final StateStore store;
    private final Surroundings surroundings;
    private final SecretStore secrets;
    private final Resolver resolver;
    private final SSLSocketFactory tls;
    private final Dialer dialer;
    private final DataShareHub hub;
    private final ExecutorService jobs;
    private final PluginScheduler scheduler;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ProtectedState wardenState;

    public CapabilityBroker(StateStore store, Surroundings surroundings, Resolver resolver) {
        this(store, surroundings, resolver, (SSLSocketFactory) SSLSocketFactory.getDefault(), Dialer.DIRECT);
    }

    /** As the public constructor, with the TLS trust and the route of connections (tests serve real host names locally). */
    CapabilityBroker(StateStore store, Surroundings surroundings, Resolver resolver, SSLSocketFactory tls, Dialer dialer) {
        this.store = Objects.requireNonNull(store, "store");
        this.surroundings = Objects.requireNonNull(surroundings, "surroundings");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.secrets = new SecretStore(store.home());
        // the state folder this broker's store uses, and the system folder the same environment names
        this.wardenState = WardenHome.resolve(Optional.of(store.home()), surroundings.environment()).protectedState();
        this.jobs = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "warden-scheduled-job");
            thread.setDaemon(true);
            return thread;
        });
        Predicate<PluginId> enabled = EnabledPlugins.in(store);
        this.hub = new DataShareHub(enabled);
        this.scheduler = new PluginScheduler(new ScheduleStore(store.home()), enabled, surroundings.clock(), jobs);
    }

    /** @return what the plugins' capabilities stand on: the workspace, the person's home, the environment */
    public Surroundings surroundings() {
        return surroundings;
    }

    /** Makes the broker of a host. */
    @FunctionalInterface
    public interface Factory {

        /** Brokers whose capabilities use the system's resolver and TLS trust. */
        Factory SYSTEM = (store, surroundings) -> new CapabilityBroker(store, surroundings, Resolver.system());

        CapabilityBroker create(StateStore store, Surroundings surroundings);
    }

    /**
     * @param manifest  the installed version's manifest
     * @param effective the plugin's effective permissions
     * @param audit     where each capability reports every use
     * @return the plugin's capabilities, none wider than {@code effective}
     */
    public PluginContext contextFor(PluginManifest manifest, List<Permission> effective, CapabilityAudit audit) {
        PluginId id = manifest.id();
        PluginRoots roots = rootsOf(id);
        if (effective.stream().anyMatch(p -> p.scope().startsWith(PluginInfo.DATA_FOLDER))) {
            createDataFolder(roots.pluginData());
        }
        // Each capability is made when the plugin first asks for it: on the plugin's own start thread, not
        // on the host's while it loads every plugin one by one.
        return new Context(new PluginInfo(id.toString(), manifest.version().toString()),
                new Lazy<>(() -> {
                    GrantedFiles files = new GrantedFiles(roots, effective, audit, surroundings.deletes(), store.trashDir(),
                            Limits.defaults());
                    synchronized (opened) {
                        opened.add(files);
                    }
                    return files;
                }),
                new Lazy<>(() -> new GrantedHttp(effective, audit, secrets, resolver, HttpLimits.defaults(), tls, dialer)),
                new Lazy<>(() -> new GrantedSecrets(effective, audit, secrets)),
                new Lazy<>(() -> new GrantedExec(effective, roots, audit, ExecLimits.defaults())),
                new Lazy<>(() -> new GrantedEnv(effective, surroundings.environment(), audit)),
                new Lazy<>(() -> new GrantedScheduler(id, effective, audit, scheduler)),
                new Lazy<>(() -> new PluginNotifier(id, surroundings.notices(), surroundings.clock())),
                new Lazy<>(() -> new GrantedDataShare(id, effective, audit, hub)));
    }

    /**
     * @param effective the plugin's effective permissions
     * @param audit     where every hop is reported
     * @return the plugin's {@code Http} capability (its {@code net.egress} grants, every check of {@link GrantedHttp})
     *         for a client of one origin: a redirect to another origin is refused. Warden's connection to a plugin's
     *         remote MCP server goes through it.
     */
    public GrantedHttp originHttp(List<Permission> effective, CapabilityAudit audit) {
        return new GrantedHttp(effective, audit, secrets, resolver, HttpLimits.defaults(), tls, dialer).originOnly();
    }

    /** @return how this broker's capabilities look host names up */
    public Resolver resolver() {
        return resolver;
    }

    /** @return the folders {@code ${workspace}}, {@code ${plugin_data}} and {@code ${home}} stand for in a plugin's scopes */
    public PluginRoots rootsOf(PluginId id) {
        return new PluginRoots(surroundings.workspace(), store.dataDir(id), surroundings.userHome(), wardenState);
    }

    /**
     * Makes the plugin's own folder, kept across updates and readable by its owner only, if it is not there yet.
     *
     * @throws UncheckedIOException if it cannot be made
     */
    public static void createDataFolder(Path folder) {
        try {
            if (!java.nio.file.Files.isDirectory(folder)) {
                java.nio.file.Files.createDirectories(folder);
                if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    java.nio.file.Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugin's data folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets what a plugin that stopped left with the broker: its scheduled jobs and its data receiver. A
     * host calls this before it unloads the plugin, so nothing keeps calling into the unloaded code.
     */
    public void forget(PluginId plugin) {
        scheduler.remove(plugin);
        hub.detach(plugin);
    }

    /** @return the scheduler of every plugin's jobs; nothing fires until a host starts it and ticks it */
    public PluginScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.stop();
        jobs.shutdownNow();
        synchronized (opened) {
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // Closing releases folder handles; one that fails to close is released when Warden exits.
                }
            }
            opened.clear();
        }
    }

    /** A value made on first use, once. */
    private static final class Lazy<T> {
        private Supplier<T> make;
        private T value;

        Lazy(Supplier<T> make) {
            this.make = make;
        }

        synchronized T get() {
            if (make != null) {
                value = make.get();
                make = null;
            }
            return value;
        }
    }

    private record Context(PluginInfo plugin, Lazy<Files> madeFiles, Lazy<Http> madeHttp, Lazy<Secrets> madeSecrets,
                           Lazy<Exec> madeExec, Lazy<Env> madeEnv, Lazy<Scheduler> madeScheduler, Lazy<Notifier> madeNotifier,
                           Lazy<DataShare> madeDataShare) implements PluginContext {

        @Override
        public Files files() {
            return madeFiles.get();
        }

        @Override
        public Http http() {
            return madeHttp.get();
        }

        @Override
        public Secrets secrets() {
            return madeSecrets.get();
        }

        @Override
        public Exec exec() {
            return madeExec.get();
        }

        @Override
        public Env env() {
            return madeEnv.get();
        }

        @Override
        public Scheduler scheduler() {
            return madeScheduler.get();
        }

        @Override
        public Notifier notifier() {
            return madeNotifier.get();
        }

        @Override
        public DataShare dataShare() {
            return madeDataShare.get();
        }
    }
}
