package dev.warden.manager.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a rebuild may skip Maven: only when nothing but files under {@code src/main/plugin} changed since the last
 * Maven build. Maven runs offline against this machine's local repository, where the plugin API must be installed.
 */
class PluginProjectTest {

    @TempDir
    Path temp;

    @Test
    void anEditUnderSrcMainPluginAloneIsLaidOutWithoutMavenAndADeletedSourceFileRunsMaven() throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))), "Maven is not on PATH");
        Path dir = temp.resolve("hello");
        new ProjectScaffold("acme", "hello").writeTo(dir);
        Path extra = dir.resolve("src/main/java/acme/hello/Extra.java");
        Files.writeString(extra, "package acme.hello;\n\nfinal class Extra {\n}\n");
        PluginProject project = PluginProject.at(dir);
        assertThat(project.build(true, System.getenv())).isEqualTo(PluginProject.Built.WITH_MAVEN);

        Path manifest = dir.resolve("src/main/plugin/plugin.json");
        Files.writeString(manifest, Files.readString(manifest).replace("Greets a person by name", "Greets anyone"));
        PluginProject.Built afterManifestEdit = project.build(true, System.getenv());
        Files.delete(extra);
        PluginProject.Built afterDeletion = project.build(true, System.getenv());

        assertThat(afterManifestEdit).isEqualTo(PluginProject.Built.LAID_OUT_AGAIN);
        assertThat(dir.resolve("target/plugin/plugin.json")).content().contains("Greets anyone");
        assertThat(afterDeletion).as("a source file gone is nothing a copy can lay out").isEqualTo(PluginProject.Built.WITH_MAVEN);
    }
}
