package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.devtools.DevelopmentKeys;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Development keys are made once per publisher, marked in their key file, and never trusted in the person's own home. */
class DevelopmentKeysTest extends HomeFixture {

    @Test
    void aDevelopmentKeyIsMadeOnceAndMarkedInItsKeyFile() throws Exception {
        DevelopmentKeys keys = DevelopmentKeys.of(WardenHome.resolve(Optional.of(home), Map.of()), Clock.systemUTC());

        SigningKey first = keys.keyFor("acme");
        SigningKey again = keys.keyFor("acme");

        assertThat(first.development()).isTrue();
        assertThat(again).isEqualTo(first);
        assertThat(KeyFiles.read(home.resolve("dev/keys/acme.key")).development()).isTrue();
        assertThat(Files.readString(home.resolve("dev/keys/acme.key"))).contains("\"use\" : \"development\"");
        assertThat(keys.publishers()).containsExactly("acme");
        assertThat(keys.isDevelopmentKey(first.keyId())).isTrue();
    }

    @Test
    void trustAddOfADevelopmentKeysEntryIsRefusedInThePersonsHomeAndLeavesItAsItWas() throws Exception {
        DevelopmentKeys.of(WardenHome.resolve(Optional.of(home), Map.of()), Clock.systemUTC()).keyFor("acme");
        Path copied = temp.resolve("elsewhere/acme.pub.json");
        Files.createDirectories(copied.getParent());
        Files.copy(home.resolve("dev/keys/acme.pub.json"), copied);
        Map<String, String> before = HomeSnapshot.of(home);

        CliRunner.Result direct = warden.run("trust", "add", home.resolve("dev/keys/acme.pub.json").toString(), "--yes");
        CliRunner.Result fromACopy = warden.run("trust", "add", copied.toString(), "--yes");

        for (CliRunner.Result result : new CliRunner.Result[] {direct, fromACopy}) {
            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.REFUSED);
            assertThat(result.err()).contains("development key").contains("never yours");
        }
        assertThat(HomeSnapshot.of(home)).isEqualTo(before);
    }

    @Test
    void theEntryOfADevelopmentKeyMadeUnderAnotherHomeIsKnownByItsKeyFile() throws Exception {
        Path otherHome = temp.resolve("other-home");
        DevelopmentKeys.of(WardenHome.resolve(Optional.of(otherHome), Map.of()), Clock.systemUTC()).keyFor("acme");

        CliRunner.Result result = warden.run("trust", "add", otherHome.resolve("dev/keys/acme.pub.json").toString(), "--yes");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(home.resolve("trust")).doesNotExist();
    }

    @Test
    void aRealKeysEntryIsStillTrusted() throws Exception {
        ok("keys", "generate", "--publisher", "acme", "--out", temp.resolve("keys").toString());

        ok("trust", "add", temp.resolve("keys/acme.pub.json").toString(), "--yes");
    }
}
