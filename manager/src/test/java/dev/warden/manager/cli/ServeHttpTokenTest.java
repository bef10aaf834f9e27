package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.manager.testing.RawHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token of {@code warden serve --http}: made once into the home folder, readable by its owner only, the same
 * after a restart so client configs keep working, replaced by {@code --new-token}, shown only by
 * {@code --show-token}. Each serve runs in this JVM and stops when its thread is interrupted.
 */
class ServeHttpTokenTest {

    @TempDir
    Path temp;

    /** One {@code warden serve --http 0} running on a thread of this JVM. */
    private final class Serving {
        final Thread thread;
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        int port;

        Serving(String... options) throws InterruptedException {
            List<String> args = new ArrayList<>(List.of("serve", "--http", "0"));
            args.addAll(List.of(options));
            CliRunner runner = new CliRunner(temp.resolve("home"), temp.resolve("system"));
            thread = new Thread(() -> exitCode.set(WardenMain.run(runner.environment(), new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true), args.toArray(String[]::new))), "serve-under-test");
            thread.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && thread.isAlive()) {
                Matcher serving = GatewayFixture.SERVING_AT.matcher(err.toString());
                if (serving.find()) {
                    port = Integer.parseInt(serving.group(1));
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("warden serve --http did not say where it listens: " + err);
        }

        int initializeWith(String token) throws IOException {
            Map<String, String> headers = GatewayFixture.clientHeaders(port);
            headers.put("Authorization", "Bearer " + token);
            return RawHttp.post(new InetSocketAddress("127.0.0.1", port), "/mcp", headers, GatewayFixture.INITIALIZE).status();
        }

        /** Interrupts the command, as a person stopping it would, and checks that nothing listens afterwards. */
        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            assertThat(thread.isAlive()).as(err.toString()).isFalse();
            assertThat(exitCode.get()).as(err.toString()).isZero();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
    }

    private Path tokenFile() {
        return temp.resolve("home").resolve("gateway-token");
    }

    private String token() throws IOException {
        return Files.readString(tokenFile(), StandardCharsets.US_ASCII).strip();
    }

    @Test
    void keepsTheTokenAcrossRestartsUntilANewOneIsAskedFor() throws Exception {
        Serving first = new Serving();
        String made = token();
        assertThat(made).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");
        assertThat(first.err.toString()).contains("made a token").contains(tokenFile().toString()).doesNotContain(made);
        assertThat(first.initializeWith(made)).isEqualTo(200);
        first.stop();

        Serving second = new Serving();
        assertThat(token()).isEqualTo(made);
        assertThat(second.initializeWith(made)).isEqualTo(200);
        assertThat(second.err.toString()).contains("clients authenticate with the token in").doesNotContain(made);
        second.stop();

        Serving renewed = new Serving("--new-token", "--show-token");
        String replacement = token();
        assertThat(replacement).isNotEqualTo(made).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");
        assertThat(renewed.err.toString()).contains("made a new token").contains("warden: token: " + replacement);
        assertThat(renewed.initializeWith(made)).as("the old token").isEqualTo(401);
        assertThat(renewed.initializeWith(replacement)).isEqualTo(200);
        renewed.stop();
    }

    @Test
    void saysWhenThePortIsTaken() throws Exception {
        CliRunner warden = new CliRunner(temp.resolve("home"), temp.resolve("system"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRunner.Result refused = warden.run("serve", "--http", String.valueOf(taken.getLocalPort()));

            assertThat(refused.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(refused.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("choose another port, or 0 for a free one");
        }
    }

    @Test
    void refusesTokenOptionsWithoutHttp() {
        CliRunner warden = new CliRunner(temp.resolve("home"), temp.resolve("system"));

        CliRunner.Result shown = warden.run("serve", "--show-token");
        CliRunner.Result badPort = warden.run("serve", "--http", "70000");
        CliRunner.Result noWorkspace = warden.run("serve", "--workspace", temp.resolve("nowhere").toString());

        assertThat(shown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(shown.err()).contains("--show-token goes with --http PORT");
        assertThat(badPort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badPort.err()).contains("70000 is not a port");
        assertThat(noWorkspace.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noWorkspace.err()).contains("nowhere is not a folder");
        assertThat(tokenFile()).doesNotExist();
    }
}
