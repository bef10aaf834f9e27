package dev.warden.manager.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.manager.testing.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenLocalRepositoryTest {

    @TempDir
    Path temp;

    @Test
    void isDotM2RepositoryInTheHomeFolderWithoutSettings() throws Exception {
        assertThat(MavenLocalRepository.locate(temp, Map.of()))
                .isEqualTo(temp.resolve(".m2/repository"));
    }

    @Test
    void honoursTheLocalRepositoryOfTheSettingsFile() throws Exception {
        settings("""
                <?xml version="1.0" encoding="UTF-8"?>
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <offline>false</offline>
                  <localRepository>
                    %s
                  </localRepository>
                </settings>
                """.formatted(temp.resolve("elsewhere")));

        assertThat(MavenLocalRepository.locate(temp, Map.of())).isEqualTo(temp.resolve("elsewhere"));
    }

    @Test
    void resolvesUserHomeAndEnvironmentVariablesAsMavenDoes() throws Exception {
        settings("<settings><localRepository>${user.home}/m2/${env.REPO_NAME}</localRepository></settings>");

        assertThat(MavenLocalRepository.locate(temp, Map.of("REPO_NAME", "cache")))
                .isEqualTo(temp.resolve("m2/cache"));
    }

    @Test
    void aSettingsFileWithoutALocalRepositoryMeansTheDefault() throws Exception {
        settings("<settings><mirrors/><localRepository>  </localRepository></settings>");

        assertThat(MavenLocalRepository.locate(temp, Map.of())).isEqualTo(temp.resolve(".m2/repository"));
    }

    @Test
    void anExpressionWardenCannotResolveIsAClearError() throws Exception {
        Path settings = settings("<settings><localRepository>${maven.home}/repo</localRepository></settings>");

        assertThatThrownBy(() -> MavenLocalRepository.locate(temp, Map.of()))
                .isInstanceOf(PluginApiInstallException.class)
                .hasMessageContaining(settings.toString())
                .hasMessageContaining("${maven.home}");
    }

    @Test
    void aSettingsFileThatIsNotXmlIsAClearError() throws Exception {
        Path settings = settings("<settings><localRepository>");

        assertThatThrownBy(() -> MavenLocalRepository.locate(temp, Map.of()))
                .isInstanceOf(PluginApiInstallException.class)
                .hasMessageStartingWith(settings + " cannot be read as Maven settings");
    }

    @Test
    void aHostileSettingsFileReadsNoOtherFileAndFetchesNothing() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "/stolen/secret");
        Files.createDirectories(temp.resolve("dtd"));
        Files.writeString(temp.resolve("dtd/evil.dtd"), "<!ENTITY % leak SYSTEM \"" + secret.toUri() + "\">");
        try (StaticServer server = StaticServer.serve(temp.resolve("dtd"))) {
            for (String hostile : new String[] {
                "<!DOCTYPE settings [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                        + "<settings><localRepository>&xxe;</localRepository></settings>",
                "<!DOCTYPE settings SYSTEM \"" + server.url() + "evil.dtd\">"
                        + "<settings><localRepository>/repo</localRepository></settings>",
                "<!DOCTYPE settings [<!ENTITY % remote SYSTEM \"" + server.url() + "evil.dtd\"> %remote;]>"
                        + "<settings><localRepository>/repo</localRepository></settings>"}) {
                settings(hostile);

                assertThatThrownBy(() -> MavenLocalRepository.locate(temp, Map.of()))
                        .isInstanceOf(PluginApiInstallException.class)
                        .hasMessageContaining("DOCTYPE")
                        .hasMessageNotContaining("stolen");
            }
            assertThat(server.requests()).isZero();
        }
    }

    private Path settings(String xml) throws Exception {
        Path settings = temp.resolve(".m2/settings.xml");
        Files.createDirectories(settings.getParent());
        return Files.writeString(settings, xml);
    }
}
