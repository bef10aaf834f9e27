package dev.warden.manager.verify;

import static dev.warden.manager.verify.ExpectedViolation.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.manager.testing.FixturePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the verifier finds in lib/ jars and in the files around the classes. */
class BytecodeVerifierFilesTest {

    private static final String FORNAME_LIB = """
            package com.evil.lib;
            public final class Loader {
                public static Object load(String name) throws Exception {
                    return Class.forName(name);
                }
            }
            """;
    private static final String CLEAN_LIB = """
            package com.good.lib;
            public final class Text {
                public static String shout(String s) { return s.toUpperCase(java.util.Locale.ROOT) + "!"; }
            }
            """;

    @TempDir
    Path dir;

    private final BytecodeVerifier verifier = BytecodeVerifier.standard();

    @Test
    void findsAViolationInsideALibJar() throws IOException {
        Path plugin = FixturePlugin.in(dir).jar("helper.jar", jar -> jar.source("com.evil.lib.Loader", FORNAME_LIB)).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.classesChecked()).isEqualTo(1);
        assertThat(report.violations()).singleElement().satisfies(violation("com/evil/lib/Loader",
                "load(Ljava/lang/String;)Ljava/lang/Object;",
                "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;", null));
    }

    @Test
    void passesACleanLibJarUsedByThePluginClasses() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .jar("text.jar", jar -> jar.source("com.good.lib.Text", CLEAN_LIB))
                .source("com.good.Main", """
                        package com.good;
                        public final class Main {
                            public static String go() { return com.good.lib.Text.shout("hi"); }
                        }
                        """)
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).isEmpty();
        assertThat(report.classesChecked()).isEqualTo(2);
    }

    @Test
    void refusesAJarWhoseManifestHasAClassPath() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .jar("helper.jar", jar -> jar.source("com.good.lib.Text", CLEAN_LIB).manifest("Class-Path", "../../other-plugin/lib/x.jar"))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.className()).isEqualTo("lib/helper.jar");
            assertThat(v.method()).isEqualTo(Violation.FILE);
            assertThat(v.member()).isEqualTo("manifest attribute Class-Path: ../../other-plugin/lib/x.jar");
            assertThat(v.describe()).startsWith("lib/helper.jar contains manifest attribute Class-Path");
        });
    }

    @Test
    void refusesANativeLibraryInsideAJar() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .jar("helper.jar", jar -> jar.source("com.good.lib.Text", CLEAN_LIB).entry("native/linux-x86_64/libevil.so", new byte[] {0x7f, 'E', 'L', 'F'}))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).singleElement().satisfies(violation("lib/helper.jar", null,
                "native/linux-x86_64/libevil.so", "JNI"));
    }

    @Test
    void refusesNativeLibrariesBesideTheClassesAndInLib() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .file("lib/evil.dll", new byte[] {'M', 'Z'})
                .file("classes/com/evil/libevil.dylib", new byte[] {1})
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).extracting(Violation::className)
                .containsExactly("classes/com/evil/libevil.dylib", "lib/evil.dll");
    }

    @Test
    void refusesAJarInsideAJarWithoutOpeningIt() throws IOException {
        Path inner = FixturePlugin.in(dir.resolve("inner"))
                .jar("inner.jar", jar -> jar.source("com.evil.lib.Loader", FORNAME_LIB)).build().resolve("lib/inner.jar");
        byte[] innerJar = Files.readAllBytes(inner);
        Path plugin = FixturePlugin.in(dir.resolve("outer"))
                .jar("outer.jar", jar -> jar.source("com.good.lib.Text", CLEAN_LIB).entry("BOOT-INF/lib/inner.jar", innerJar))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.classesChecked()).isEqualTo(1);
        assertThat(report.violations()).singleElement().satisfies(violation("lib/outer.jar", null,
                "BOOT-INF/lib/inner.jar", "jar inside a jar"));
    }

    @Test
    void refusesAJarThatIsNotAZip() throws IOException {
        Path plugin = FixturePlugin.in(dir).file("lib/broken.jar", FixturePlugin.utf8("not a zip")).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).singleElement().satisfies(violation("lib/broken.jar", null,
                "an unreadable jar", null));
    }

    @Test
    void refusesAClassFileItCannotRead() throws IOException {
        Path plugin = FixturePlugin.in(dir).file("classes/com/evil/Garbage.class", new byte[] {(byte) 0xca, (byte) 0xfe, 1, 2}).build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.classesChecked()).isEqualTo(1);
        assertThat(report.violations()).singleElement().satisfies(violation("classes/com/evil/Garbage.class", null,
                "an unreadable class file", null));
    }

    @Test
    void refusesASymbolicLinkAmongTheClasses() throws IOException {
        Path plugin = FixturePlugin.in(dir).file("classes/com/good/A.class", HostileClasses.emptyClass("com/good/A")).build();
        Path outside = Files.write(dir.resolve("Outside.class"), HostileClasses.emptyClass("com/good/B"));
        Files.createSymbolicLink(plugin.resolve("classes/com/good/B.class"), outside);

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.classesChecked()).isEqualTo(1);
        assertThat(report.violations()).singleElement().satisfies(violation("classes/com/good/B.class", null,
                "a symbolic link", null));
    }

    @Test
    void refusesTheSameClassDeclaredTwice() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.good.lib.Text", CLEAN_LIB)
                .jar("copy.jar", jar -> jar.entry("com/good/lib/Text.class", HostileClasses.emptyClass("com/good/lib/Text")))
                .build();

        VerificationReport report = verifier.verify(plugin);

        assertThat(report.violations()).singleElement().satisfies(violation("com/good/lib/Text", null,
                "lib/copy.jar!com/good/lib/Text.class", null));
    }

    @Test
    void refusesAFolderThatIsNotThere() {
        assertThatThrownBy(() -> verifier.verify(dir.resolve("missing"))).isInstanceOf(NotDirectoryException.class);
    }
}
