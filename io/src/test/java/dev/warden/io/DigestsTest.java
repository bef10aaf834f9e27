package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one hash rule that both the fetcher and the TUF client follow. */
class DigestsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "sha384", "sha512"})
    void checksTheSha2FunctionsOfAtLeast256Bits(String algorithm) {
        assertThat(Digests.isChecked(algorithm)).isTrue();
        assertThat(Digests.forName(algorithm)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha224", "sha1", "md5", "sha3-256", "blake2b", "SHA256", "sha-256", "sha256 ", ""})
    void checksNoOtherAlgorithmNorAnotherSpellingOfAChecked(String algorithm) {
        assertThat(Digests.isChecked(algorithm)).isFalse();
        assertThat(Digests.forName(algorithm)).isEmpty();
    }

    @Test
    void aListingKeepsOnlyTheHashesWardenChecksInTheirOrder() {
        Map<String, String> listed = new LinkedHashMap<>();
        listed.put("sha512", "aa");
        listed.put("sha224", "bb");
        listed.put("md5", "cc");
        listed.put("sha256", "dd");

        assertThat(Digests.checkable(listed)).containsExactly(Map.entry("sha512", "aa"), Map.entry("sha256", "dd"));
        assertThat(Digests.checkable(Map.of("sha224", "bb"))).isEmpty();
    }


    @Test
    void sha256HexIsTheLowercaseDigest() {
        assertThat(Digests.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digests.sameHex("BA78", "ba78")).isTrue();
    }

    @Test
    void aFileIsHashedAsItsBytesAndTextAsItsUtf8() throws Exception {
        byte[] bytes = new byte[200_000];
        new java.util.Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("big"), bytes);

        assertThat(Digests.sha256Hex(file)).isEqualTo(Digests.sha256Hex(bytes));
        assertThat(Digests.hex("sha512", file)).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-512").digest(bytes)));
        assertThat(Digests.sha256Hex("é")).isEqualTo(Digests.sha256Hex("é".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFileIsNotHashedThroughALink() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "content");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);

        assertThatThrownBy(() -> Digests.sha256Hex(link)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aFileIsNotHashedWithAnAlgorithmWardenDoesNotCheck() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "content");

        assertThatThrownBy(() -> Digests.hex("sha224", file)).isInstanceOf(IllegalArgumentException.class);
    }
}
