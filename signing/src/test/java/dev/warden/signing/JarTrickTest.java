package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.ZipBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** THREATS "Archives" / jar tricks: Class-Path, native libraries, nested archives (never expanded). */
class JarTrickTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleVerifier verifier = verifier(publisherOf(acme));

    /** A jar as the JDK's jar writer makes it (data descriptors, the 0xCAFE marker). */
    private static byte[] jar(String manifest, Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            if (manifest != null) {
                jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
                jar.write(manifest.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> classes() {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("com/acme/Weather.class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61});
        return classes;
    }

    @Test
    void acceptsAPlainJarWrittenByTheJdk() throws Exception {
        byte[] lib = jar("Manifest-Version: 1.0\r\nCreated-By: test\r\n\r\n", classes());
        Path bundle = signedZip(acme, Map.of("lib/weather.jar", lib)).write(tmp.resolve("plain-jar.wpk"));

        verifier.verifyAndExtract(bundle, tmp.resolve("staging"));

        assertThat(tmp.resolve("staging/lib/weather.jar")).hasBinaryContent(lib);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Manifest-Version: 1.0\r\nClass-Path: ../../evil.jar\r\n\r\n",
            "Manifest-Version: 1.0\nclass-path: /tmp/x.jar\n\n",
            "Manifest-Version: 1.0\rCLASS-PATH: other.jar\r\r",
            "Manifest-Version: 1.0\n\nName: com/acme/\nClass-Path: x.jar\n\n"})
    void refusesAJarWhoseManifestHasAClassPath(String manifest) throws Exception {
        Path bundle = signedZip(acme, Map.of("lib/weather.jar", jar(manifest, classes())))
                .write(tmp.resolve("class-path-jar.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "lib/weather.jar");
        assertThat(e.getMessage()).contains("Class-Path");
    }

    @Test
    void acceptsAClassPathWordInsideAContinuedValue() throws Exception {
        String manifest = "Manifest-Version: 1.0\r\nDescription: see the notes about\r\n Class-Path: none here\r\n\r\n";
        Path bundle = signedZip(acme, Map.of("lib/weather.jar", jar(manifest, classes()))).write(tmp.resolve("continued.wpk"));

        assertThat(verifier.verify(bundle).files()).extracting(FileEntry::path).contains("lib/weather.jar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lib/libweather.so", "libweather.so.1", "bin/weather.dll", "lib/weather.DYLIB", "native/x.jnilib"})
    void refusesNativeLibrariesAtTopLevel(String name) throws Exception {
        Path bundle = signedZip(acme, Map.of(name, new byte[] {0x7f, 'E', 'L', 'F'})).write(tmp.resolve("native-library.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, name);
        assertThat(e.getMessage()).contains("native library");
    }

    @ParameterizedTest
    @ValueSource(strings = {"native/linux-x86_64/libweather.so", "weather.dll", "darwin/libw.dylib"})
    void refusesNativeLibrariesInsideAJar(String inner) throws Exception {
        Map<String, byte[]> entries = classes();
        entries.put(inner, new byte[] {0x7f, 'E', 'L', 'F'});
        Path bundle = signedZip(acme, Map.of("lib/weather.jar", jar("Manifest-Version: 1.0\r\n\r\n", entries)))
                .write(tmp.resolve("native-in-jar.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "lib/weather.jar!/" + inner);
        assertThat(e.entry()).contains("lib/weather.jar!/" + inner);
    }

    @Test
    void neverExpandsAnArchiveNestedInAJar() throws Exception {
        Map<String, byte[]> innerEntries = new LinkedHashMap<>();
        innerEntries.put("libevil.so", new byte[] {1});
        byte[] inner = jar("Manifest-Version: 1.0\r\nClass-Path: /etc/\r\n\r\n", innerEntries);
        Map<String, byte[]> entries = classes();
        entries.put("META-INF/lib/inner.jar", inner);
        entries.put("nested.zip", inner);
        byte[] outer = jar("Manifest-Version: 1.0\r\n\r\n", entries);
        Path bundle = signedZip(acme, Map.of("lib/outer.jar", outer)).write(tmp.resolve("jar-in-jar.wpk"));

        VerifiedBundle verified = verifier.verifyAndExtract(bundle, tmp.resolve("staging"));

        assertThat(verified.files()).extracting(FileEntry::path).contains("lib/outer.jar");
        assertThat(tmp.resolve("staging/lib/outer.jar")).hasBinaryContent(outer);
        assertThat(tmp.resolve("staging/lib/inner.jar")).doesNotExist();
    }

    @Test
    void refusesAJarWithDataAfterItsEndRecord() throws Exception {
        byte[] lib = jar("Manifest-Version: 1.0\r\n\r\n", classes());
        byte[] trailing = java.util.Arrays.copyOf(lib, lib.length + 5);
        Path bundle = signedZip(acme, Map.of("lib/weather.jar", trailing)).write(tmp.resolve("jar-with-trailing-data.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.MALFORMED_ARCHIVE, "lib/weather.jar");
        assertThat(e.getMessage()).contains("nested archive");
    }

    @Test
    void refusesAJarWhoseLocalHeaderDisagreesWithItsCentralDirectory() throws Exception {
        ZipBuilder inner = new ZipBuilder();
        inner.add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n\n").localName("META-INF/MANIFEST.MX");
        Path bundle = signedZip(acme, Map.of("lib/forged.jar", inner.build())).write(tmp.resolve("jar-local-differs.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.MALFORMED_ARCHIVE, "lib/forged.jar!/META-INF/MANIFEST.MF");
    }

    @Test
    void refusesAJarThatHidesItsClassPathInASecondManifest() throws Exception {
        ZipBuilder inner = new ZipBuilder();
        inner.add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n\n");
        inner.add("meta-inf/manifest.mf", "Manifest-Version: 1.0\nClass-Path: x.jar\n\n");
        Path bundle = signedZip(acme, Map.of("lib/twin.jar", inner.build())).write(tmp.resolve("jar-two-manifests.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "lib/twin.jar");
    }

    @Test
    void refusesAnEncryptedJar() throws Exception {
        ZipBuilder inner = new ZipBuilder();
        inner.add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n\n").flags(1);
        Path bundle = signedZip(acme, Map.of("lib/locked.jar", inner.build())).write(tmp.resolve("encrypted-jar.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.MALFORMED_ARCHIVE, "encrypted");
    }
}
