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
        assertThat(report.violations()).as(family).anySatisfy(violation().in("com/evil/Plugin").method(START)
                .member(member).reasonContaining(reasonWords));
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

        assertThat(report.violations()).anySatisfy(violation().in("com/evil/Loader").method(Violation.CLASS)
                .member("java/lang/ClassLoader").reasonContaining("class loader"));
        assertThat(report.violations()).anySatisfy(violation().method("define([B)Ljava/lang/Class;")
                .member("com/evil/Loader.defineClass(Ljava/lang/String;[BII)Ljava/lang/Class;"));
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

        assertThat(report.violations()).anySatisfy(violation().method(Violation.CLASS).member("java/lang/Thread"));
        assertThat(report.violations()).anySatisfy(violation().method("go()V").member("com/evil/Worker.start()V")
                .reasonContaining("thread"));
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

        assertThat(report.violations()).singleElement().satisfies(violation().in("com/evil/Native").method("peek(J)J")
                .member("native code").reasonContaining("JNI"));
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

        assertThat(report.violations()).anySatisfy(violation().method("write(Ljava/lang/Object;)Ljava/lang/String;")
                .member("tools/jackson/databind/ObjectMapper.writeValueAsString(Ljava/lang/Object;)Ljava/lang/String;")
                .reason("not the plugin API and not part of this plugin"));
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

        assertThat(report.violations()).anySatisfy(violation().in("com/evil/Indy").method("run()V")
                .member("com/evil/Indy.bootstrap" + HostileClasses.BOOTSTRAP_DESCRIPTOR)
                .reasonContaining("invokedynamic may only use the bootstrap methods javac emits"));
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

        assertThat(report.violations()).anySatisfy(violation().in("java/lang/reflect/Method")
                .member("package java/lang/reflect"));
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
