package dev.warden.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files keep whether a key is a development key; files written before the mark existed read as real keys. */
class KeyFilesTest {

    @TempDir
    Path temp;

    @Test
    void aDevelopmentKeyIsMarkedInItsFileAndReadBackAsOne() throws Exception {
        SigningKey key = SigningKey.generate("acme", new SecureRandom()).asDevelopmentKey();
        Path file = temp.resolve("acme.key");

        KeyFiles.write(key, file);

        assertThat(Files.readString(file)).contains("\"use\"").contains("\"development\"");
        SigningKey read = KeyFiles.read(file);
        assertThat(read.development()).isTrue();
        assertThat(read).isEqualTo(key);
    }

    @Test
    void aRealKeysFileHasNoUseAndAnOldFileReadsAsARealKey() throws Exception {
        SigningKey key = SigningKey.generate("acme", new SecureRandom());
        Path file = temp.resolve("acme.key");

        KeyFiles.write(key, file);

        assertThat(Files.readString(file)).doesNotContain("\"use\"");
        assertThat(KeyFiles.read(file).development()).isFalse();
        assertThat(KeyFiles.read(file)).isEqualTo(key);
    }

    @Test
    void aUseWardenDoesNotKnowIsRefusedRatherThanTakenForARealKey() throws Exception {
        Path file = temp.resolve("acme.key");
        KeyFiles.write(SigningKey.generate("acme", new SecureRandom()).asDevelopmentKey(), file);
        Files.writeString(file, Files.readString(file).replace("\"development\"", "\"production\""));

        assertThatThrownBy(() -> KeyFiles.read(file)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("\"use\"").hasMessageContaining("production");
    }
}
