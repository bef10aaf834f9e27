package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.runtime.LocalHttps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each sample plugin the reactor built is packed, signed, installed after its review, and its tools called
 * with {@code warden run}, as a person would: the weather sample against a local server answering for
 * api.weather.gov, the file samples in a temporary workspace.
 */
class SamplePluginsRunTest extends HomeFixture {

    Path repository;
    Path workspace;
    Publisher samples;

    @BeforeEach
    void setUp() throws Exception {
        repository = Path.of("..").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(repository.resolve("sample-plugins/notes/target/plugin/plugin.json")),
                "the sample plugins are not built (run the whole reactor: mvn install)");
        workspace = Files.createDirectories(temp.resolve("workspace"));
        samples = new Publisher(warden, temp.resolve("publisher"), "warden-samples").trusted();
    }

    private CliRunner.Result install(String sample, String... options) throws Exception {
        Path bundle = temp.resolve(sample + ".wpk");
        CliRunner.Result packed = warden.run("pack", repository.resolve("sample-plugins").resolve(sample).resolve("target/plugin").toString(),
                "--out", bundle.toString());
        assertThat(packed.exitCode()).as(packed.all()).isZero();
        CliRunner.Result signed = warden.run("sign", bundle.toString(), "--key", samples.keys().resolve("warden-samples.key").toString());
        assertThat(signed.exitCode()).as(signed.all()).isZero();
        String[] args = new String[3 + options.length];
        args[0] = "install";
        args[1] = bundle.toString();
        args[2] = "--yes";
        System.arraycopy(options, 0, args, 3, options.length);
        CliRunner.Result installed = warden.run(args);
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        return installed;
    }

    private CliRunner.Result run(String id, String tool, String input) {
        return warden.run("run", id, tool, "--input", input, "--workspace", workspace.toString());
    }

    @Test
    void notesKeepsNotesInItsDataFolderAcrossRuns() throws Exception {
        CliRunner.Result review = install("notes");
        assertThat(review.out()).contains("warden-samples/notes");

        CliRunner.Result added = run("warden-samples/notes", "add", "{\"text\":\"call the plumber about the boiler\",\"tags\":[\"home\"]}");
        CliRunner.Result second = run("warden-samples/notes", "add", "{\"text\":\"dentist in march\"}");
        CliRunner.Result found = run("warden-samples/notes", "search", "{\"query\":\"plumber\"}");
        CliRunner.Result listed = run("warden-samples/notes", "list", "{\"tag\":\"home\"}");

        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(found.exitCode()).as(found.all()).isZero();
        assertThat(found.out()).contains("plumber").doesNotContain("dentist");
        assertThat(listed.out()).contains("plumber").doesNotContain("dentist");
        assertThat(temp.resolve("home/data/warden-samples/notes")).isDirectory();
        assertThat(warden.run("audit", "--plugin", "warden-samples/notes", "--json").out())
                .contains("\"capability\"").contains("fs.write").contains("\"tool.call\"");
    }

    @Test
    void tidyPlansReadOnlyAndOrganisesOnceWriteAndDeleteAreGranted() throws Exception {
        Path downloads = Files.createDirectories(workspace.resolve("Downloads"));
        Files.writeString(downloads.resolve("holiday.jpg"), "jpeg", StandardCharsets.UTF_8);
        Files.writeString(downloads.resolve("invoice.pdf"), "pdf", StandardCharsets.UTF_8);
        install("tidy", "--with-optional");

        CliRunner.Result plan = run("warden-samples/tidy", "plan", "{\"folder\":\"Downloads\"}");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("holiday.jpg").contains("invoice.pdf");
        assertThat(downloads.resolve("holiday.jpg")).exists();

        CliRunner.Result organised = warden.answering("y\ny\n").run("run", "warden-samples/tidy", "organise",
                "--input", "{\"folder\":\"Downloads\"}", "--workspace", workspace.toString());

        assertThat(organised.exitCode()).as(organised.all()).isZero();
        assertThat(downloads.resolve("holiday.jpg")).doesNotExist();
        assertThat(downloads.resolve("invoice.pdf")).doesNotExist();
        try (var files = Files.walk(downloads)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("holiday.jpg", "invoice.pdf");
        }
        assertThat(temp.resolve("home/trash")).isDirectory();
    }

    @Test
    void weatherAsksTheGrantedHostOnlyAndReturnsTheForecast() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (LocalHttps weatherGov = LocalHttps.serving(temp.resolve("tls"), "api.weather.gov", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String body = path.startsWith("/points/")
                    ? "{\"properties\":{\"forecast\":\"https://api.weather.gov/gridpoints/LWX/97,71/forecast\"}}"
                    : "{\"properties\":{\"periods\":[{\"name\":\"Tonight\",\"shortForecast\":\"Clear\"}]}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        })) {
            install("weather");
            warden.brokers(weatherGov.brokers());

            CliRunner.Result forecast = run("warden-samples/weather", "forecast", "{\"lat\":38.89,\"lon\":-77.03}");

            assertThat(forecast.exitCode()).as(forecast.all()).isZero();
            assertThat(forecast.out()).contains("Tonight").contains("Clear");
            assertThat(requests.get()).isEqualTo(2);
        }
        assertThat(warden.run("audit", "--plugin", "warden-samples/weather", "--json").out())
                .contains("net.egress").contains("https://api.weather.gov");
    }

    @Test
    void releaseNotesIsSkillsOnlyAndHasNoToolsToRun() throws Exception {
        install("release-notes");

        CliRunner.Result run = run("warden-samples/release-notes", "anything", "{}");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("has no tool 'anything'; it declares no tools");
    }

    @Test
    void commitHelperInstallsItsSkillAndSubAgent() throws Exception {
        CliRunner.Result review = install("commit-helper");

        assertThat(review.out()).contains("warden-samples/commit-helper");
        assertThat(temp.resolve("home/plugins/warden-samples/commit-helper/1.0.0/agents/commit-reviewer.md")).exists();
    }
}
