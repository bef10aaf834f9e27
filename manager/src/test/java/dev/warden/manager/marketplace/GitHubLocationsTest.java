package dev.warden.manager.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Claude Code's GitHub forms of a marketplace location become the git URL cloned; nothing here reaches GitHub. */
class GitHubLocationsTest {

    private static final String OFFICIAL = "https://github.com/anthropics/claude-plugins-official.git";

    @Test
    void ownerSlashRepoIsTheRepositoryOnGitHub() {
        assertThat(GitHubLocations.expand("anthropics/claude-plugins-official")).isEqualTo(OFFICIAL);
        assertThat(GitHubLocations.expand("anthropics/claude-plugins-official.git")).isEqualTo(OFFICIAL);
        assertThat(GitHubLocations.expand("acme-corp/plugins_v2.x")).isEqualTo("https://github.com/acme-corp/plugins_v2.x.git");
    }

    @Test
    void aGitHubPageUrlIsItsGitUrl() {
        assertThat(GitHubLocations.expand("https://github.com/anthropics/claude-plugins-official")).isEqualTo(OFFICIAL);
        assertThat(GitHubLocations.expand("https://github.com/anthropics/claude-plugins-official/")).isEqualTo(OFFICIAL);
        assertThat(GitHubLocations.expand("https://GitHub.com/anthropics/claude-plugins-official.git")).isEqualTo(OFFICIAL);
    }

    @Test
    void otherLocationsAreLeftAsTheyAre() {
        for (String location : new String[] {"https://github.com/anthropics/claude-plugins-official/tree/main",
                "http://github.com/anthropics/claude-plugins-official", "https://git.example.com/team/plugins",
                "./site", "site", "/srv/site/plugins", "a/b/c", "-x/repo", "owner/..", "owner/.", "git@github.com:o/r.git",
                "https://evil.example/github.com/anthropics/claude-plugins-official"}) {
            assertThat(GitHubLocations.expand(location)).as(location).isEqualTo(location);
        }
    }

    @Test
    void aFolderThatExistsHereStaysLocalEvenInTheFormOfOwnerSlashRepo() throws Exception {
        Files.createDirectories(Path.of("team-k-probe/plugins"));
        try {
            assertThat(GitHubLocations.expand("team-k-probe/plugins")).isEqualTo("team-k-probe/plugins");
        } finally {
            Files.delete(Path.of("team-k-probe/plugins"));
            Files.delete(Path.of("team-k-probe"));
        }
    }
}
