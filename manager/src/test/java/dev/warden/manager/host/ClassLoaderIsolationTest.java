package dev.warden.manager.host;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PluginContext;
import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.verify.VerificationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile code forced past the bytecode verifier (a test-only path: the load check is replaced) still
 * cannot reach the host's classes or another plugin's classes through its class loader (DESIGN 6.1).
 * Each case runs inside a tool call and reports what stopped it.
 */
class ClassLoaderIsolationTest {

    @TempDir
    Path temp;

    HostFixture fixture;
    PluginId probe;
    PluginId other;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new HostFixture(temp);
        other = fixture.install(plugin("acme", "other").pluginClass("com.acme.other.Main").connector("hello", "Says hello"),
                Map.of("com.acme.other.Main", PluginHostTest.code("other", "", "\"hello\"", "return ToolResult.text(\"hello\");")
                                .get("com.acme.other.Main"),
                        "com.acme.other.Secret", "package com.acme.other; public class Secret { public String value() { return \"other's secret\"; } }"));
        probe = fixture.install(plugin("acme", "probe").pluginClass("com.acme.probe.Main").connector("probe", "Probes"),
                PluginHostTest.code("probe", "", "\"probe\"", "return ToolResult.text(\"benign\");"));
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("Class.forName of Warden's own class", "Class.forName(\"dev.warden.manager.cli.WardenMain\");",
                        "ClassNotFoundException"),
                Arguments.of("Class.forName of a host library (Jackson)", "Class.forName(\"tools.jackson.databind.ObjectMapper\");",
                        "ClassNotFoundException"),
                Arguments.of("Class.forName of PF4J", "Class.forName(\"org.pf4j.PluginManager\");", "ClassNotFoundException"),
                Arguments.of("Class.forName of another plugin's class", "Class.forName(\"com.acme.other.Secret\");",
                        "ClassNotFoundException"),
                Arguments.of("linking against another plugin's class", "new com.acme.other.Secret().value();",
                        "NoClassDefFoundError"),
                Arguments.of("linking against a host class", "new dev.warden.catalog.state.StateStore(null);",
                        "NoClassDefFoundError"),
                Arguments.of("the class loader of a host object", "context.getClass().getClassLoader().loadClass(\"dev.warden.manager.cli.WardenMain\");",
                        "NoClassDefFoundError: java/lang/ClassLoader"),
                Arguments.of("the plugin loader's parent", "getClass().getClassLoader().getParent();",
                        "NoClassDefFoundError: java/lang/ClassLoader"),
                Arguments.of("the thread's context class loader", "Thread.currentThread().getContextClassLoader();",
                        "NoClassDefFoundError: java/lang/Thread"),
                Arguments.of("a new URLClassLoader", "new java.net.URLClassLoader(new java.net.URL[0]);",
                        "NoClassDefFoundError: java/net/URLClassLoader"),
                Arguments.of("reflection", "Object.class.getMethod(\"toString\").invoke(context);",
                        "NoClassDefFoundError: java/lang/reflect/Method"),
                Arguments.of("method handles", "java.lang.invoke.MethodHandles.lookup();",
                        "NoClassDefFoundError: java/lang/invoke/MethodHandles"),
                Arguments.of("ServiceLoader", "java.util.ServiceLoader.load(Runnable.class).findFirst();",
                        "NoClassDefFoundError: java/util/ServiceLoader"),
                Arguments.of("Unsafe", "sun.misc.Unsafe.class.getName();", "NoClassDefFoundError: sun/misc/Unsafe"),
                Arguments.of("deserialization", "new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(new byte[0]));",
                        "NoClassDefFoundError: java/io/ObjectInputStream"),
                Arguments.of("processes", "new ProcessBuilder(\"id\").start();", "NoClassDefFoundError: java/lang/ProcessBuilder"),
                Arguments.of("files", "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/hostname\"));",
                        "NoClassDefFoundError: java/nio/file/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void hostileCodePastTheVerifierIsStoppedByItsClassLoader(String family, String body, String stoppedBy) throws Exception {
        fixture.replaceCode(probe, Map.of("com.acme.probe.Main", PluginHostTest.code("probe", "", "\"probe\"", """
                        try {
                            %s
                            return ToolResult.text("reached");
                        } catch (Throwable e) {
                            return ToolResult.text(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }""".formatted(body)).get("com.acme.probe.Main")), Map.of(
                // compiled against, not copied: the other plugin's class and a host class
                "com.acme.other.Secret", "package com.acme.other; public class Secret { public String value() { return \"\"; } }",
                "dev.warden.catalog.state.StateStore", "package dev.warden.catalog.state; public class StateStore {"
                        + " public StateStore(Object home) { } }"));

        try (PluginHost host = hostPastTheVerifier()) {
            assertThat(host.running()).contains(probe, other);

            ToolResult result = host.call(probe, "probe", "{}").result();

            assertThat(result.content()).as(family).startsWith(stoppedBy).doesNotContain("reached");
        }
    }

    @Test
    void aPluginLoaderSeesItsOwnClassesThePluginApiAndAllowedJdkClassesOnly() throws Exception {
        try (PluginHost host = hostPastTheVerifier()) {
            ClassLoader loader = host.classLoaderOf(probe).orElseThrow();

            assertThat(loader.getParent()).isNull();
            assertThat(loader.loadClass("com.acme.probe.Main").getClassLoader()).isSameAs(loader);
            assertThat(loader.loadClass("dev.warden.api.PluginContext")).isSameAs(PluginContext.class);
            assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
            assertThat(loader.loadClass("java.util.List")).isSameAs(List.class);
            for (String refused : List.of("com.acme.other.Main", "com.acme.other.Secret", "dev.warden.manager.host.PluginHost",
                    "dev.warden.catalog.state.StateStore", "dev.warden.signing.KeyFiles", "tools.jackson.databind.ObjectMapper",
                    "org.pf4j.PluginManager", "org.objectweb.asm.ClassReader", "java.lang.Thread", "java.lang.ClassLoader",
                    "java.lang.reflect.Method", "java.nio.file.Files", "sun.misc.Unsafe")) {
                assertThatThrownBy(() -> loader.loadClass(refused)).as(refused).isInstanceOf(ClassNotFoundException.class);
            }
            assertThat(host.classLoaderOf(other).orElseThrow()).isNotSameAs(loader);
        }
    }

    private PluginHost hostPastTheVerifier() throws Exception {
        return PluginHost.start(fixture.lifecycle(), fixture.filesOnly(), id -> true, PluginHost.Limits.standard(),
                Optional.of(dir -> new VerificationReport(0, List.of())));
    }
}
