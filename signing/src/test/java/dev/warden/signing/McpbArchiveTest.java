package dev.warden.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.ZipBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an MCPB file is split into the zip its signature covers and the block {@code mcpb sign} appends. */
class McpbArchiveTest {

    @TempDir
    Path temp;

    private final byte[] zip = new ZipBuilder().add("manifest.json", "{\"name\":\"x\"}").and()
            .add("server/index.js", "process.stdin.resume();").and().build();

    @Test
    void readsAnUnsignedBundleWholeAsItsZip() throws Exception {
        McpbArchive archive = McpbArchive.read(write("plain.mcpb", zip), BundleLimits.defaults());

        assertThat(archive.signature()).isEmpty();
        assertThat(archive.signedBytes()).isEqualTo(zip);
        assertThat(archive.entry("manifest.json", BundleLimits.defaults())).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"x\"}"));
        assertThat(new McpbSignatureVerifier(new CertificateAnchors(List.of()), Instant.now()).verify(archive).status())
                .isEqualTo(McpbSignature.Status.UNSIGNED);
    }

    @Test
    void splitsExactlyBeforeTheHeaderWhenTheLengthReachesTheFooter() throws Exception {
        byte[] der = "not really DER, but 30 bytes..".getBytes(StandardCharsets.US_ASCII);

        McpbArchive archive = McpbArchive.read(write("signed.mcpb", block(zip, der, der.length)), BundleLimits.defaults());

        assertThat(archive.signedBytes()).isEqualTo(zip);
        assertThat(archive.signature()).hasValue(der);
    }

    @Test
    void refusesABlockWhoseLengthFieldDoesNotReachTheFooter() throws Exception {
        byte[] der = new byte[40];
        Path file = write("short.mcpb", block(zip, der, der.length - 1));

        assertThatThrownBy(() -> McpbArchive.read(file, BundleLimits.defaults())).isInstanceOfSatisfying(BundleException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_SIGNATURE));
    }

    @Test
    void refusesDataAddedAfterTheFooter() throws Exception {
        byte[] signed = block(zip, new byte[8], 8);
        byte[] longer = ByteBuffer.allocate(signed.length + 3).put(signed).put("abc".getBytes(StandardCharsets.US_ASCII)).array();
        Path file = write("trailing.mcpb", longer);

        assertThatThrownBy(() -> McpbArchive.read(file, BundleLimits.defaults())).isInstanceOfSatisfying(BundleException.class,
                e -> assertThat(e.getMessage()).contains("does not end with its footer"));
    }

    @Test
    void refusesASignatureThatIsNotCmsDer() throws Exception {
        byte[] der = new byte[] {0x30, 0x03, 0x02, 0x01, 0x01};
        McpbArchive archive = McpbArchive.read(write("garbage.mcpb", block(zip, der, der.length)), BundleLimits.defaults());

        assertThatThrownBy(() -> new McpbSignatureVerifier(new CertificateAnchors(List.of()), Instant.now()).verify(archive))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.MALFORMED_SIGNATURE));
    }

    @Test
    void extractsTheZipAndRefusesAnEntryThatEscapesLeavingNoFolder() throws Exception {
        McpbArchive archive = McpbArchive.read(write("ok.mcpb", zip), BundleLimits.defaults());
        archive.extract(temp.resolve("out"), BundleLimits.defaults());
        assertThat(temp.resolve("out/server/index.js")).hasContent("process.stdin.resume();");

        byte[] escaping = new ZipBuilder().add("../escaped.js", "x").and().build();
        McpbArchive hostile = McpbArchive.read(write("escape.mcpb", escaping), BundleLimits.defaults());
        assertThatThrownBy(() -> hostile.extract(temp.resolve("hostile"), BundleLimits.defaults()))
                .isInstanceOf(BundleException.class);
        assertThat(temp.resolve("hostile")).doesNotExist();
        assertThat(temp.resolve("escaped.js")).doesNotExist();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(temp.resolve(name), bytes);
    }

    private static byte[] block(byte[] zip, byte[] der, int declaredLength) {
        byte[] header = "MCPB_SIG_V1".getBytes(StandardCharsets.US_ASCII);
        byte[] footer = "MCPB_SIG_END".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(zip.length + header.length + 4 + der.length + footer.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(zip).put(header).putInt(declaredLength).put(der).put(footer).array();
    }
}
