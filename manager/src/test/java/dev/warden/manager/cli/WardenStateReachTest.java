package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.sandbox.IsolationMode;
import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.PeekPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signed plugin and Warden's own state, as a person sees it: a scope aimed into the state is refused at install,
 * and a broad one ({@code ${home}/**}, or the workspace when the client starts in the home folder) installs but
 * reaches none of it through {@code warden run}, in process and in-process mode alike.
 */
class WardenStateReachTest {

    static final String SECRET_VALUE = "secret-value-that-must-not-leak";

    @TempDir
    Path temp;

    Path person;
    Path wardenHome;
    CliRunner warden;
    Publisher samples;

    @BeforeEach
    void wardenInThePersonsHome() throws Exception {
        person = Files.createDirectories(temp.toRealPath().resolve("person"));
        // not hidden, so that the wildcards of a broad scope would reach it if nothing carved it out
        wardenHome = person.resolve("warden-state");
        warden = new CliRunner(wardenHome, temp.resolve("system")).env("HOME", person.toString());
        samples = new Publisher(warden, temp.resolve("publisher"), "warden-samples").trusted();
    }

    CliRunner.Result install(String... permissions) throws Exception {
        return warden.run("install", samples.signFolder(PeekPlugin.writeTo(temp.resolve("work"), List.of(permissions)), "peek")
                .toString(), "--yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fs.read ${home}/warden-state/**", "fs.read ${home}/warden-state", "fs.write ${home}/warden-state/grants.json",
            "fs.delete ${home}/warden-state/trust/**", "fs.read ${home}/warden-state/secrets/*.json", "fs.read /ABS/**",
            "process.exec /usr/bin/cat /ABS/gateway-token", "fs.read ${home}/link-to-state/**"})
    void aScopeAimedIntoWardensStateIsRefusedAtInstallNamingTheScopeAndAudited(String permission) throws Exception {
        Files.createDirectories(wardenHome);
        Files.createSymbolicLink(person.resolve("link-to-state"), wardenHome);
        String asked = permission.replace("/ABS", wardenHome.toString());

        CliRunner.Result installed = install(asked);

        assertThat(installed.exitCode()).as(installed.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(installed.err()).contains(asked.substring(asked.indexOf(' ') + 1)).contains("Warden's own state")
                .doesNotContain("Exception");
        assertThat(warden.run("list", "--json").out()).doesNotContain("peek");
        assertThat(warden.run("audit", "--json").out()).contains("install.refused").contains("Warden's own state");
        assertThat(HomeSnapshot.of(wardenHome).keySet()).noneMatch(name -> name.startsWith("plugins/") || name.startsWith("data/"));
    }

    @Test
    void theSystemFolderIsRefusedAtInstallToo() throws Exception {
        CliRunner.Result installed = install("fs.read " + temp.resolve("system").toAbsolutePath() + "/trust/**");

        assertThat(installed.exitCode()).as(installed.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(installed.err()).contains("Warden's own state");
    }

    @Test
    void aHomeScopeThatOnlyHoldsTheStateInstalls() throws Exception {
        CliRunner.Result installed = install("fs.read ${home}/**", "fs.read ${workspace}/**");

        assertThat(installed.exitCode()).as(installed.all()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-process", "process"})
    void aPluginGrantedTheHomeAndAWorkspaceThatIsTheHomeReadsNoneOfWardensState(String isolation) throws Exception {
        if (isolation.equals("process")) {
            IsolationSupport support = IsolationSupport.here();
            assumeTrue(support.mode() == IsolationMode.PROCESS, "process isolation is not available here: " + support.reason());
        }
        assertThat(install("fs.read ${home}/**", "fs.read ${workspace}/**").exitCode()).isZero();
        assertThat(warden.piping(SECRET_VALUE + "\n").run("secret", "set", "gh-token").exitCode()).isZero();
        Files.writeString(wardenHome.resolve("gateway-token"), SECRET_VALUE);
        Files.writeString(person.resolve("notes.txt"), "mine");
        Path docs = Files.createDirectories(person.resolve("docs"));
        Files.createSymbolicLink(docs.resolve("state"), wardenHome);

        CliRunner.Result own = peek("${home}/notes.txt", isolation);
        assertThat(own.exitCode()).as(own.all()).isZero();
        assertThat(own.out()).contains("mine");

        for (String path : List.of("${workspace}/warden-state/secrets/secrets.json", "${home}/warden-state/gateway-token",
                "${workspace}/warden-state/grants.json", "${home}/warden-state/trust/publishers/warden-samples.json",
                "${home}/docs/state/grants.json", "${workspace}/docs/../warden-state/secrets/secrets.json")) {
            CliRunner.Result read = peek(path, isolation);
            assertThat(read.exitCode()).as(path + ": " + read.all()).isEqualTo(ExitCode.REFUSED);
            assertThat(read.all()).doesNotContain(SECRET_VALUE).doesNotContain("\"grants\"");
        }
        assertThat(warden.run("audit", "--plugin", "warden-samples/peek", "--json").out()).contains("Warden's own state");
    }

    CliRunner.Result peek(String path, String isolation) {
        return warden.run("run", "warden-samples/peek", "peek", "--input", "{\"path\":\"" + path + "\"}",
                "--workspace", person.toString(), "--isolation", isolation);
    }
}
