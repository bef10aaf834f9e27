package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.pluginJson;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class BundlePropertyTest {

    private static final SigningKey ACME = key("acme", 1);
    private static Path work;
    private static byte[] signed;
    private static Map<String, byte[]> sources;
    private static VerifiedBundle original;

    @BeforeContainer
    static void signOneBundle() throws Exception {
        work = Files.createTempDirectory("warden-properties");
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put("lib/data.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path bundle = packAndSign(work, "mutations", files, ACME);
        signed = Files.readAllBytes(bundle);
        sources = files;
        original = verifier(publisherOf(ACME)).verify(bundle);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, signed.length - 1);
    }

    @Property(tries = 200)
    void anySingleByteMutationIsRefusedOrLeavesWhatIsInstalledUnchanged(@ForAll("position") int position,
                                                                         @ForAll byte delta) throws Exception {
        if (delta == 0) {
            delta = 1;
        }
        byte[] mutated = signed.clone();
        mutated[position] += delta;
        Path bundle = Files.write(work.resolve("mutated.wpk"), mutated);
        Path staging = Files.createTempDirectory(work, "staging");
        Files.delete(staging);
        VerifiedBundle verified;
        try {
            verified = verifier(publisherOf(ACME)).verifyAndExtract(bundle, staging);
        } catch (BundleException refused) {
            return;
        }
        // Accepted: the byte was one no check can see (central-only attributes, deflate padding, or
        // another valid deflate encoding of the same bytes), so what gets installed must be identical.
        for (Map.Entry<String, byte[]> file : sources.entrySet()) {
            assertThat(staging.resolve(file.getKey())).as("byte %d changed %s", position, file.getKey())
                    .hasBinaryContent(file.getValue());
        }
        assertThat(verified.files()).isEqualTo(original.files());
        assertThat(verified.manifestBytes()).isEqualTo(original.manifestBytes());
        assertThat(verified.identity()).isEqualTo(original.identity());
    }

    @Provide
    Arbitrary<Map<String, byte[]>> trees() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-").ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s) + ".txt");
        Arbitrary<byte[]> content = Arbitraries.integers().between(0, 3).flatMap(kind -> kind == 0
                ? Arbitraries.bytes().array(byte[].class).ofMaxSize(4096)
                : Arbitraries.strings().withChars("ab \n").ofMaxLength(4096).map(String::getBytes));
        return Combinators.combine(path, content).as(Map::entry).list().ofMaxSize(12)
                .map(entries -> {
                    Map<String, byte[]> tree = new TreeMap<>();
                    entries.forEach(e -> tree.put(e.getKey(), e.getValue()));
                    return tree;
                });
    }

    @Property(tries = 40)
    void packSignVerifyAndExtractRoundTripsAnyTree(@ForAll("trees") Map<String, byte[]> tree) throws Exception {
        Path dir = Files.createTempDirectory(work, "tree");
        Map<String, byte[]> files = new TreeMap<>(tree);
        files.put("plugin.json", pluginJson("acme", "prop", "0.1.0"));
        // Segments hold no dot and every file ends in ".txt", so no file can clash with a folder.
        Path bundle = packAndSign(dir, "tree", files, ACME);
        Path staging = dir.resolve("staging");

        VerifiedBundle verified = verifier(publisherOf(ACME)).verifyAndExtract(bundle, staging);

        assertThat(verified.files()).extracting(FileEntry::path).containsExactlyElementsOf(files.keySet().stream()
                .sorted(CanonicalJson::compareCodePoints).toList());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertThat(staging.resolve(f.getKey())).hasBinaryContent(f.getValue());
        }
        assertThat(BundleReader.open(bundle, BundleLimits.defaults()).signatures()).hasSize(1);
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
