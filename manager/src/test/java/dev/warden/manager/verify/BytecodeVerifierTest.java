package dev.warden.manager.verify;

import static dev.warden.manager.verify.ExpectedViolation.violation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.EscapeFamilies;
import dev.warden.manager.testing.FixturePlugin;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The escape families of THREATS.md Runtime → Code, each refused naming the member; real plugins pass. */
class BytecodeVerifierTest {

    private static final String START = "start(Ldev/warden/api/PluginContext;)V";

    @TempDir
    Path dir;

    private final BytecodeVerifier verifier = BytecodeVerifier.standard();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.warden.manager.testing.EscapeFamilies#fromStart")
    void refusesEachEscapeNamingTheMember(String family, String body, String member, String reasonWords) throws IOException {
        Path plugin = FixturePlugin.in(dir).source("com.evil.Plugin", EscapeFamilies.pluginStarting(body)).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.passed()).as(family).isFalse();
        assertThat(report.violations()).as(family).anySatisfy(violation("com/evil/Plugin", START, member, reasonWords));
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

        assertThat(report.violations()).anySatisfy(violation("com/evil/Loader", Violation.CLASS,
                "java/lang/ClassLoader", "class loader"));
        assertThat(report.violations()).anySatisfy(violation(null, "define([B)Ljava/lang/Class;",
                "com/evil/Loader.defineClass(Ljava/lang/String;[BII)Ljava/lang/Class;", null));
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

        assertThat(report.violations()).anySatisfy(violation(null, Violation.CLASS, "java/lang/Thread", null));
        assertThat(report.violations()).anySatisfy(violation(null, "go()V", "com/evil/Worker.start()V", "thread"));
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

        assertThat(report.violations()).singleElement().satisfies(violation("com/evil/Native", "peek(J)J",
                "native code", "JNI"));
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

        assertThat(report.violations()).anySatisfy(violation("com/evil/Indy", "run()V",
                "com/evil/Indy.bootstrap" + HostileClasses.BOOTSTRAP_DESCRIPTOR,
                "invokedynamic may only use the bootstrap methods javac emits"));
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
                .source("com.evil.Plugin", EscapeFamilies.pluginStarting("Object.class.getMethod(\"toString\").invoke(context);"))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).anySatisfy(violation("java/lang/reflect/Method", null,
                "package java/lang/reflect", null));
        assertThat(report.violations()).extracting(Violation::member)
                .contains("java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;");
    }

    @Test
    void reportsReadAsOneLineNamingClassMethodMemberAndReason() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.evil.Plugin", EscapeFamilies.pluginStarting("Object.class.getMethod(\"toString\").invoke(context);"))
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
