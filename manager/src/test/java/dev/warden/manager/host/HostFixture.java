package dev.warden.manager.host;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.StateStore;
import dev.warden.io.FileTrees;
import dev.warden.manager.cli.CliRunner;
import dev.warden.manager.cli.Publisher;
import dev.warden.manager.cli.TempWarden;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.GrantedFiles;
import dev.warden.manager.runtime.Limits;
import dev.warden.manager.runtime.PluginRoots;
import dev.warden.manager.testing.FixturePlugin;
import dev.warden.manager.testing.PluginSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A temporary Warden home with plugins installed through the real pipeline (pack, sign, install --yes),
 * and a host over it. Plugin code is Java source compiled in the test.
 */
final class HostFixture extends TempWarden {

    final Publisher acme;

    HostFixture(Path temp) throws IOException {
        super(temp);
        this.acme = trustedPublisher("acme", "acme");
    }

    /** Installs {@code source} with {@code code} (class name → Java source) compiled into its classes/. */
    PluginId install(PluginSource source, Map<String, String> code) throws Exception {
        String manifest = source.manifest();
        String name = manifest.replaceAll("(?s).*\"name\": \"([^\"]+)\".*", "$1");
        Path dir = source.writeTo(temp.resolve("src").resolve(name));
        copyClasses(compile(name, code), dir.resolve("classes"));
        Path bundle = temp.resolve(name + ".wpk");
        CliRunner.Result packed = warden.run("pack", dir.toString(), "--out", bundle.toString());
        assertThat(packed.exitCode()).as(packed.all()).isZero();
        CliRunner.Result signed = warden.run("sign", bundle.toString(), "--key", acme.keys().resolve("acme.key").toString());
        assertThat(signed.exitCode()).as(signed.all()).isZero();
        CliRunner.Result installed = warden.run("install", bundle.toString(), "--yes");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        return PluginId.parse("acme/" + name);
    }

    /** Replaces an installed plugin's classes, as someone with write access to the home folder could. */
    void replaceCode(PluginId id, Map<String, String> code) throws IOException {
        replaceCode(id, code, Map.of());
    }

    /** As {@link #replaceCode(PluginId, Map)}, compiling against {@code stubs} (class name → source) that are not copied. */
    void replaceCode(PluginId id, Map<String, String> code, Map<String, String> stubs) throws IOException {
        Path classes = store().pluginDir(id, dev.warden.catalog.manifest.Version.parse("1.0.0")).resolve("classes");
        FileTrees.deleteTree(classes);
        copyClasses(compile(id.name() + "-replaced-" + System.nanoTime(), code, stubs), classes);
    }

    Path compile(String name, Map<String, String> code) throws IOException {
        return compile(name, code, Map.of());
    }

    private Path compile(String name, Map<String, String> code, Map<String, String> stubs) throws IOException {
        return new Compiler(temp.resolve("compiled").resolve(name)).compile(code, stubs);
    }

    /** Compiles plugin code against the plugin API into a classes/ folder. */
    record Compiler(Path work) {

        Path compile(Map<String, String> code) throws IOException {
            return compile(code, Map.of());
        }

        Path compile(Map<String, String> code, Map<String, String> stubs) throws IOException {
            FixturePlugin fixture = FixturePlugin.in(work);
            code.forEach(fixture::source);
            stubs.forEach(fixture::stub);
            return fixture.build().resolve("classes");
        }
    }

    static void copyClasses(Path compiled, Path target) throws IOException {
        if (!java.nio.file.Files.isDirectory(compiled)) {
            return;
        }
        try (Stream<Path> files = java.nio.file.Files.walk(compiled)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path to = target.resolve(compiled.relativize(file).toString());
                java.nio.file.Files.createDirectories(to.getParent());
                java.nio.file.Files.copy(file, to);
            }
        }
    }

    StateStore store() {
        return new StateStore(home);
    }

    Lifecycle lifecycle() throws Exception {
        return Lifecycle.open(new WardenHome(home, temp.resolve("system")), warden.environment(), Clock.systemUTC(),
                Consent.none());
    }

    /** @return the folders a plugin's scopes stand for, the same {@link #filesOnly()} uses */
    PluginRoots roots(PluginId id) {
        return new PluginRoots(workspace, store().dataDir(id), temp.resolve("user-home"),
                new WardenHome(home, temp.resolve("system")).protectedState());
    }

    /** Contexts with a real Files capability over the fixture's workspace; the other capabilities are refused. */
    ContextFactory filesOnly() {
        return (manifest, effective, audit) -> {
            GrantedFiles files = new GrantedFiles(roots(manifest.id()),
                    effective, audit, path -> false, store().trashDir(), Limits.defaults());
            return new OnlyFiles(new PluginInfo(manifest.id().toString(), manifest.version().toString()), files);
        };
    }

    private record OnlyFiles(PluginInfo plugin, Files files) implements PluginContext {
        @Override
        public Http http() {
            throw new UnsupportedOperationException("not in this fixture");
        }

        @Override
        public Secrets secrets() {
            throw new UnsupportedOperationException("not in this fixture");
        }

        @Override
        public Exec exec() {
            throw new UnsupportedOperationException("not in this fixture");
        }

        @Override
        public Env env() {
            throw new UnsupportedOperationException("not in this fixture");
        }

        @Override
        public Scheduler scheduler() {
            throw new UnsupportedOperationException("not in this fixture");
        }

        @Override
        public Notifier notifier() {
            throw new UnsupportedOperationException("not in this fixture");
        }

        @Override
        public DataShare dataShare() {
            throw new UnsupportedOperationException("not in this fixture");
        }
    }
}
