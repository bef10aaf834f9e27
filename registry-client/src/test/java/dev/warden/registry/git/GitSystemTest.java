package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSystemTest {

    @TempDir
    Path tmp;

    private SystemReader before;

    /** The machine as JGit sees it, but with the person's ~/.gitconfig in {@code home} and no system file. */
    private static final class PersonAt extends SystemReader.Delegate {
        private final File home;

        PersonAt(SystemReader system, File home) {
            super(system);
            this.home = home;
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, new File(home, ".gitconfig"), fs);
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, new File(home, "no-system-gitconfig"), fs);
        }
    }

    @BeforeEach
    void personWithAGitConfiguration() throws Exception {
        GitSystem.install();
        before = SystemReader.getInstance();
        Files.createDirectories(tmp.resolve("home"));
        SystemReader.setInstance(new GitSystem(new PersonAt(before, tmp.resolve("home").toFile())));
    }

    @AfterEach
    void restore() {
        SystemReader.setInstance(before);
    }

    private void gitconfig(String text) throws Exception {
        Files.writeString(tmp.resolve("home/.gitconfig"), text, StandardCharsets.UTF_8);
    }

    private String origin() throws Exception {
        try (TestRepository repo = TestRepository.init(tmp.resolve("origin"))) {
            return repo.file(".claude-plugin/marketplace.json", "{\"name\": \"m\", \"plugins\": []}").commit("first");
        }
    }

    @Test
    void readsAndClonesOnThisMachineWhateverThePersonsGitConfigurationSays() throws Exception {
        String commit = origin();
        gitconfig("[core\n\tthis is not git configuration\n");

        String pin = GitMarketplace.cloneInto(tmp.resolve("origin").toString(), tmp.resolve("clone"));

        assertThat(pin).isEqualTo(commit);
        assertThat(GitMarketplace.read(tmp.resolve("clone"), pin).name()).isEqualTo("m");
    }

    @Test
    void aRemoteIsReachedWithThePersonsGitConfiguration() throws Exception {
        String commit = origin();
        gitconfig("[url \"" + tmp.resolve("origin").toUri() + "\"]\n\tinsteadOf = https://example.invalid/market.git\n");

        String pin = GitMarketplace.cloneInto("https://example.invalid/market.git", tmp.resolve("clone"));

        assertThat(pin).isEqualTo(commit);
    }

    @Test
    void aMalformedPersonsConfigurationFailsARemoteAsGitWould() throws Exception {
        origin();
        gitconfig("[core\n\tthis is not git configuration\n");

        assertThatThrownBy(() -> GitMarketplace.cloneInto("https://example.invalid/market.git", tmp.resolve("clone")))
                .isInstanceOf(MarketplaceException.class);
        assertThat(tmp.resolve("clone")).doesNotExist();
    }

    @Test
    void readsTheUmaskTheShellWouldReport() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "umask").start();
        String reported = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(shell.waitFor()).isZero();

        assertThat(GitSystem.umask()).contains(Integer.parseInt(reported, 8));
    }
}
