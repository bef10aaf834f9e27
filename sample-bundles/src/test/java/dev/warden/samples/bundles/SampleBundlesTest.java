package dev.warden.samples.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the build signed: one bundle per sample, each verifying and installing under the key made for it. */
class SampleBundlesTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SAMPLE_PLUGINS = Path.of("../sample-plugins").toAbsolutePath().normalize();
    private static final Path PUBLIC_ENTRY = TARGET.resolve("keys/warden-samples.pub.json");
    private static final List<String> SAMPLES = List.of("commit-helper", "notes", "release-notes", "tidy", "weather");
    private static final List<String> WITH_CODE = List.of("notes", "tidy", "weather");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    private static Path bundle(String sample) {
        return TARGET.resolve("bundles/warden-samples-" + sample + "-1.0.0.wpk");
    }

    /** A fresh home that trusts the build's key, as a person does after checking its fingerprint. */
    private Warden trustingTheSamplesKey() {
        Warden warden = new Warden(temp);
        Warden.Result trusted = warden.run("trust", "add", PUBLIC_ENTRY.toString(), "--yes");
        assertThat(trusted.exitCode()).as(trusted.all()).isZero();
        return warden;
    }

    @Test
    void theBuildSignedOneBundlePerSampleWithAKeyKeptInTarget() throws IOException {
        try (Stream<Path> bundles = Files.list(TARGET.resolve("bundles"))) {
            assertThat(bundles.map(b -> b.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(SAMPLES.stream().map(s -> "warden-samples-" + s + "-1.0.0.wpk").toList());
        }
        Path key = TARGET.resolve("keys/warden-samples.key");
        assertThat(key).isRegularFile();
        assertThat(Files.getPosixFilePermissions(key)).containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(PUBLIC_ENTRY).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit-helper", "notes", "release-notes", "tidy", "weather"})
    void eachBundleIsRefusedWhileItsPublisherIsNotTrusted(String sample) {
        Warden.Result result = new Warden(temp).run("verify", bundle(sample).toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.err()).contains("NOT VERIFIED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit-helper", "notes", "release-notes", "tidy", "weather"})
    void eachBundleVerifiesWithTheBuildsKeyTrusted(String sample) {
        Warden.Result result = trustingTheSamplesKey().run("verify", bundle(sample).toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("Verified warden-samples/" + sample + " 1.0.0")
                .contains("every byte matches the signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit-helper", "notes", "release-notes", "tidy", "weather"})
    void eachBundleInstallsAfterItsReviewAndItsCodePassesTheBytecodeCheck(String sample) {
        Warden warden = trustingTheSamplesKey();

        Warden.Result installed = warden.run("install", bundle(sample).toString(), "--yes");
        Warden.Result listed = warden.run("list", "--json");

        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(installed.out()).contains("Install warden-samples/" + sample + " 1.0.0")
                .contains("Static check: no hidden content and no instructions aimed at the model.");
        if (WITH_CODE.contains(sample)) {
            assertThat(installed.out()).containsPattern("Code check: \\d+ classes use only the plugin API");
        }
        assertThat(listed.out()).contains("\"id\" : \"warden-samples/" + sample + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit-helper", "notes", "release-notes", "tidy", "weather"})
    void eachSampleLintsStrictlyWithoutAFinding(String sample) {
        Warden.Result result = new Warden(temp).run("lint", "--strict", SAMPLE_PLUGINS.resolve(sample + "/target/plugin").toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).endsWith("no problems found\n");
    }

    @Test
    void eachSampleAsksForTheLeastItNeeds() {
        Warden warden = trustingTheSamplesKey();

        assertThat(permissions(warden, "commit-helper")).isEmpty();
        assertThat(permissions(warden, "release-notes")).isEmpty();
        assertThat(permissions(warden, "weather")).containsExactly("net.egress https://api.weather.gov risk 1");
        assertThat(permissions(warden, "notes")).containsExactlyInAnyOrder(
                "fs.read ${plugin_data}/** risk 0", "fs.write ${plugin_data}/** risk 1");
        // writing the whole workspace reaches .git/hooks and .vscode, so it is critical (issue 14)
        assertThat(permissions(warden, "tidy")).containsExactlyInAnyOrder(
                "fs.read ${workspace}/** risk 2",
                "fs.write ${workspace}/** risk 4 optional",
                "fs.delete ${workspace}/** risk 3 optional");
    }

    private static List<String> permissions(Warden warden, String sample) {
        Warden.Result result = warden.run("verify", bundle(sample).toString(), "--json");
        assertThat(result.exitCode()).as(result.all()).isZero();
        List<String> found = new ArrayList<>();
        for (JsonNode p : JSON.readTree(result.out()).get("permissions")) {
            found.add(p.get("kind").stringValue() + " " + p.get("scope").stringValue() + " risk " + p.get("risk").intValue()
                    + (p.get("optional").booleanValue() ? " optional" : ""));
        }
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit-helper", "notes", "release-notes", "tidy", "weather"})
    void eachSampleHasAReadmeThatNamesEveryToolItDeclares(String sample) throws IOException {
        Path readme = SAMPLE_PLUGINS.resolve(sample + "/README.md");
        assertThat(readme).isRegularFile();
        String text = Files.readString(readme);
        JsonNode connectors = JSON.readTree(Files.readString(SAMPLE_PLUGINS.resolve(sample + "/src/main/plugin/plugin.json")))
                .path("connectors");
        for (JsonNode connector : connectors) {
            assertThat(text).contains("`" + connector.get("name").stringValue() + "`");
        }
        assertThat(text).contains("warden pack").contains("warden sign").contains("warden install");
    }

    /** DESIGN §3.2: what Warden signs passes the independent implementation's check. */
    @ParameterizedTest
    @ValueSource(strings = {"commit-helper", "notes", "release-notes", "tidy", "weather"})
    void eachBundlePassesTheIndependentFormatCheck(String sample) throws Exception {
        Path tool = Path.of("../../shared/tools/wpk-interop").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(tool), "no " + tool);
        assumeTrue(exec(List.of("python3", "-c", "import cryptography")).startsWith("0:"), "python3 with cryptography is not available");

        String checked = exec(List.of("python3", tool.toString(), "check", bundle(sample).toString(), PUBLIC_ENTRY.toString()));

        assertThat(checked).startsWith("0:").contains("bundle matches the format");
    }

    /** @return "EXIT:OUTPUT" */
    private static String exec(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return "-1:" + e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + ":" + output;
    }
}
