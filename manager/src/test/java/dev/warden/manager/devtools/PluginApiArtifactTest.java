package dev.warden.manager.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PluginContext;
import dev.warden.manager.testing.HomeSnapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class PluginApiArtifactTest {

    private static final String VERSION_FOLDER = "dev/warden/warden-plugin-api/1.2.0-SNAPSHOT";

    @TempDir
    Path temp;

    @Test
    void installsAJarOfTheClassFolderAndASelfContainedPomWhereMavenInstallPutsThem() throws Exception {
        Path repository = temp.resolve("repository");

        PluginApiArtifact.Installation installed = artifactOf(classFolder()).installInto(repository);

        Path folder = repository.resolve(VERSION_FOLDER);
        assertThat(installed.written()).isTrue();
        assertThat(installed.jar()).isEqualTo(folder.resolve("warden-plugin-api-1.2.0-SNAPSHOT.jar"));
        try (ZipFile jar = new ZipFile(installed.jar().toFile())) {
            assertThat(Collections.list(jar.entries()).stream().map(ZipEntry::getName))
                    .containsExactly(JarFile.MANIFEST_NAME, "dev/warden/api/PluginContext.class", "dev/warden/api/Tool.class");
            assertThat(jar.getInputStream(jar.getEntry("dev/warden/api/Tool.class")).readAllBytes()).isEqualTo(new byte[] {2});
        }
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(folder.resolve("warden-plugin-api-1.2.0-SNAPSHOT.pom").toFile()).getDocumentElement();
        assertThat(text(pom, "groupId")).isEqualTo("dev.warden");
        assertThat(text(pom, "artifactId")).isEqualTo("warden-plugin-api");
        assertThat(text(pom, "version")).isEqualTo("1.2.0-SNAPSHOT");
        assertThat(text(pom, "packaging")).isEqualTo("jar");
        assertThat(pom.getElementsByTagName("parent").getLength()).isZero();
        assertThat(pom.getElementsByTagName("dependencies").getLength()).isZero();
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("warden-plugin-api-1.2.0-SNAPSHOT.jar", "warden-plugin-api-1.2.0-SNAPSHOT.pom");
        }
    }

    @Test
    void aJarIsInstalledByteForByte() throws Exception {
        Path jar = temp.resolve("warden-plugin-api.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("dev/warden/api/PluginContext.class"));
            zip.write(1);
        }

        PluginApiArtifact.Installation installed = artifactOf(jar).installInto(temp.resolve("repository"));

        assertThat(installed.jar()).hasSameBinaryContentAs(jar);
    }

    @Test
    void installsThePluginApiThisWardenRunsWithFromItsJarOrItsClassFolder() throws Exception {
        PluginApiArtifact api = PluginApiArtifact.ofThisWarden();

        PluginApiArtifact.Installation installed = api.installInto(temp.resolve("repository"));

        // The build's tests see plugin-api/target/classes (mvn test) or its jar (mvn verify); either way the
        // installed jar holds the very classes Warden runs with.
        assertThat(installed.jar().toString()).endsWith("dev/warden/warden-plugin-api/" + api.version()
                + "/warden-plugin-api-" + api.version() + ".jar");
        try (ZipFile jar = new ZipFile(installed.jar().toFile());
             InputStream running = PluginContext.class.getResourceAsStream("PluginContext.class")) {
            assertThat(jar.getInputStream(jar.getEntry("dev/warden/api/PluginContext.class")).readAllBytes())
                    .isEqualTo(running.readAllBytes());
        }
        assertThat(api.coordinates()).isEqualTo("dev.warden:warden-plugin-api:" + api.version());
    }

    @Test
    void installingAgainWritesNothing() throws Exception {
        Path repository = temp.resolve("repository");
        PluginApiArtifact artifact = artifactOf(classFolder());
        PluginApiArtifact.Installation first = artifact.installInto(repository);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first.jar(), old);

        PluginApiArtifact.Installation second = artifact.installInto(repository);

        assertThat(second.written()).isFalse();
        assertThat(Files.getLastModifiedTime(second.jar())).isEqualTo(old);
    }

    @Test
    void replacesAnotherBuildOfTheSameVersionAndLeavesEveryOtherFileAlone() throws Exception {
        Path repository = temp.resolve("repository");
        Path folder = Files.createDirectories(repository.resolve(VERSION_FOLDER));
        Files.writeString(folder.resolve("warden-plugin-api-1.2.0-SNAPSHOT.jar"), "an older build");
        Files.writeString(folder.resolve("warden-plugin-api-1.2.0-SNAPSHOT-sources.jar"), "sources");
        Files.writeString(folder.resolve("maven-metadata-local.xml"), "<metadata/>");
        Files.createDirectories(repository.resolve("org/example/other/1.0"));
        Files.writeString(repository.resolve("org/example/other/1.0/other-1.0.jar"), "other");
        Map<String, String> before = HomeSnapshot.of(repository);

        PluginApiArtifact.Installation installed = artifactOf(classFolder()).installInto(repository);

        assertThat(installed.written()).isTrue();
        Map<String, String> after = HomeSnapshot.of(repository);
        after.keySet().retainAll(List.of(before.keySet().toArray(String[]::new)));
        before.remove(VERSION_FOLDER + "/warden-plugin-api-1.2.0-SNAPSHOT.jar");
        after.remove(VERSION_FOLDER + "/warden-plugin-api-1.2.0-SNAPSHOT.jar");
        assertThat(after).isEqualTo(before);
        assertThat(Files.readString(installed.jar(), StandardCharsets.ISO_8859_1)).isNotEqualTo("an older build");
    }

    @Test
    void aRepositoryThatCannotBeWrittenIsAClearErrorAndNothingIsLeftBehind() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repository"));
        Files.writeString(repository.resolve("dev"), "a file where Maven's dev/ folder would be");
        Map<String, String> before = HomeSnapshot.of(repository);

        assertThatThrownBy(() -> artifactOf(classFolder()).installInto(repository))
                .isInstanceOf(PluginApiInstallException.class)
                .hasMessageContaining("cannot install the plugin API (dev.warden:warden-plugin-api:1.2.0-SNAPSHOT)")
                .hasMessageContaining(repository.toString())
                .hasMessageContaining("Make that folder writable, or set <localRepository> in ~/.m2/settings.xml");

        assertThat(HomeSnapshot.of(repository)).isEqualTo(before);
    }

    @Test
    void whenThePomCannotBeWrittenTheJarJustWrittenIsTakenBackAndNewFoldersRemoved() throws Exception {
        Path repository = temp.resolve("repository");
        Path blocker = repository.resolve(VERSION_FOLDER).resolve("warden-plugin-api-1.2.0-SNAPSHOT.pom");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep"), "a folder no rename can replace");
        Map<String, String> before = HomeSnapshot.of(repository);

        assertThatThrownBy(() -> artifactOf(classFolder()).installInto(repository))
                .isInstanceOf(PluginApiInstallException.class)
                .hasMessageContaining(blocker.toString());

        assertThat(HomeSnapshot.of(repository)).isEqualTo(before);
    }

    @Test
    void aLocationThatHoldsNoPluginApiIsAFailureOfWardensOwnInstallation() {
        assertThatThrownBy(() -> artifactOf(temp).installInto(temp.resolve("repository")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read Warden's plugin API at " + temp);
        assertThat(temp.resolve("repository")).doesNotExist();
    }

    @Test
    void refusesCoordinatesThatWouldLeaveTheArtifactsFolder() {
        assertThatThrownBy(() -> PluginApiArtifact.at(temp, "dev.warden", "../../x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PluginApiArtifact.at(temp, "dev/warden", "1.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PluginApiArtifact artifactOf(Path location) {
        return PluginApiArtifact.at(location, "dev.warden", "1.2.0-SNAPSHOT");
    }

    /** A class folder as a build leaves it: the API's classes and a manifest the jar must not take twice. */
    private Path classFolder() throws Exception {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("dev/warden/api"));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.write(classes.resolve("dev/warden/api/PluginContext.class"), new byte[] {1});
        Files.write(classes.resolve("dev/warden/api/Tool.class"), new byte[] {2});
        try (OutputStream out = Files.newOutputStream(classes.resolve(JarFile.MANIFEST_NAME))) {
            out.write("Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return classes;
    }

    private static String text(Element pom, String child) {
        for (var node = pom.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return element.getTextContent();
            }
        }
        return null;
    }
}
