package dev.warden.samples.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.samples.bundles.SampleBundler.BundlingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundler on sample folders of its own: what it makes, keeps and refuses. */
class SampleBundlerTest {

    @TempDir
    Path temp;

    private Path samples() {
        return temp.resolve("sample-plugins");
    }

    /** A sample module with its plugin.json in src/main/plugin and, if built, laid out in target/plugin. */
    private void sample(String name, String manifest, boolean built) throws IOException {
        Path module = samples().resolve(name);
        Files.createDirectories(module.resolve("src/main/plugin"));
        Files.writeString(module.resolve("src/main/plugin/plugin.json"), manifest);
        if (built) {
            Files.createDirectories(module.resolve("target/plugin"));
            Files.writeString(module.resolve("target/plugin/plugin.json"), manifest);
        }
    }

    private static String manifest(String name, String extra) {
        return "{\"name\": \"" + name + "\", \"version\": \"2.0.1\", \"publisher\": \"warden-samples\","
                + " \"description\": \"a test sample\", \"permissions\": []" + extra + "}";
    }

    @Test
    void signsEachBuiltSampleUnderItsManifestsNameAndKeepsTheKeyItMade() throws Exception {
        sample("hello", manifest("hello", ""), true);
        SampleBundler bundler = new SampleBundler(samples(), temp.resolve("target"));

        List<Path> first = bundler.build();
        byte[] key = Files.readAllBytes(bundler.keyFile());
        Files.writeString(temp.resolve("target/bundles/warden-samples-gone-1.0.0.wpk"), "from a removed sample");
        List<Path> second = bundler.build();

        assertThat(first).containsExactly(temp.resolve("target/bundles/warden-samples-hello-2.0.1.wpk").toAbsolutePath());
        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(bundler.keyFile())).isEqualTo(key);
        assertThat(temp.resolve("target/bundles/warden-samples-gone-1.0.0.wpk")).doesNotExist();
        Warden warden = new Warden(temp.resolve("check"));
        assertThat(warden.run("trust", "add", bundler.publicEntry().toString(), "--yes").exitCode()).isZero();
        assertThat(warden.run("verify", first.get(0).toString()).exitCode()).isZero();
        assertThat(temp.resolve("target/sample-bundles.log")).content().contains("$ warden sign");
    }

    @Test
    void refusesASampleThatIsNotBuiltNamingIt() throws Exception {
        sample("hello", manifest("hello", ""), true);
        sample("unbuilt", manifest("unbuilt", ""), false);

        assertThatThrownBy(() -> new SampleBundler(samples(), temp.resolve("target")).build())
                .isInstanceOf(BundlingException.class)
                .hasMessageContaining("the sample unbuilt is not built");
    }

    @Test
    void stopsAtASampleThatDoesNotLintStrictlyWithWhatLintSaid() throws Exception {
        sample("sloppy", manifest("sloppy", ", \"colour\": \"red\""), true);

        assertThatThrownBy(() -> new SampleBundler(samples(), temp.resolve("target")).build())
                .isInstanceOf(BundlingException.class)
                .hasMessageContaining("warden lint --strict")
                .hasMessageContaining("colour");
        assertThat(temp.resolve("target/bundles")).isEmptyDirectory();
    }

    @Test
    void refusesAFolderWithoutSamples() throws Exception {
        Files.createDirectories(samples());

        assertThatThrownBy(() -> new SampleBundler(samples(), temp.resolve("target")).build())
                .isInstanceOf(BundlingException.class)
                .hasMessageStartingWith("no sample plugins in");
    }
}
