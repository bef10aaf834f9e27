package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.runtime.CapabilityAudit;
import dev.warden.manager.runtime.Resolver;
import dev.warden.manager.testing.BubblewrapHere;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandboxed program's only way out: the plugin's {@link EgressOpening}, bound into the sandbox, reached over
 * the sandbox's loopback through {@link EgressRelay}. Real bwrap, real processes, local addresses only.
 */
class EgressRelayTest {

    static Path bwrap;

    @TempDir
    Path temp;

    SandboxFolders folders;
    ServerSocket granted;
    Thread serving;
    final Audit audit = new Audit();

    /** Every capability audit entry, kept. */
    static final class Audit implements CapabilityAudit {
        record Entry(PermissionKind kind, String target, boolean allowed, String detail) {
        }

        final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void record(PermissionKind kind, String target, boolean allowed, String detail) {
            entries.add(new Entry(kind, target, allowed, detail));
        }
    }

    @BeforeAll
    static void needsBwrap() {
        bwrap = BubblewrapHere.orSkip(EgressRelayTest.class);
    }

    @BeforeEach
    void startTheGrantedHost() throws IOException {
        folders = SandboxFolders.in(temp);
        granted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(() -> {
            while (true) {
                try (Socket client = granted.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("hello from the granted host\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        });
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void close() throws IOException {
        granted.close();
    }

    String grantedHost() {
        return "127.0.0.1:" + granted.getLocalPort();
    }

    List<Permission> grants() {
        return List.of(Permission.of(PermissionKind.NET_EGRESS, "https://" + grantedHost(), "test"));
    }

    BubblewrapSandboxIsolationTest.Run relayed(EgressOpening opening, List<String> program) throws Exception {
        BubblewrapSandbox sandbox = opening.bindInto(new BubblewrapSandbox(bwrap, grants(), folders.roots(),
                folders.install(), List.of(EgressRelay.classes(), testClasses())));
        return BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(
                EgressRelay.command(EgressRelay.java(), EgressRelay.classes(), EgressOpening.INSIDE, program)));
    }

    static List<String> probe(String mode, String target) {
        return List.of(EgressRelay.java().toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                testClasses().toString(), ProxyProbe.class.getName(), mode, target);
    }

    static Path testClasses() {
        try {
            return Path.of(ProxyProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSandboxedProgramReachesAGrantedHostThroughTheRelayAndTheConnectionIsAudited() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            BubblewrapSandboxIsolationTest.Run run = relayed(opening, probe("proxy", grantedHost()));

            assertThat(run.exit()).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo("HTTP/1.1 200 Connection established\nhello from the granted host\n");
        }
        assertThat(audit.entries).containsExactly(new Audit.Entry(PermissionKind.NET_EGRESS, "https://" + grantedHost(),
                true, "CONNECT to 127.0.0.1"));
    }

    @Test
    void anUngrantedHostIsRefusedByTheProxyAndTheAttemptIsAudited() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            String ungranted = "127.0.0.1:" + other.getLocalPort();

            BubblewrapSandboxIsolationTest.Run run = relayed(opening, probe("proxy", ungranted));

            assertThat(run.stdout()).startsWith("HTTP/1.1 403 Forbidden\n");
            assertThat(audit.entries).containsExactly(new Audit.Entry(PermissionKind.NET_EGRESS, "https://" + ungranted,
                    false, "no net.egress grant covers https://" + ungranted));
        }
    }

    @Test
    void aDirectConnectionFindsNoNetworkNotEvenTheHostsLoopback() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            BubblewrapSandboxIsolationTest.Run toGranted = relayed(opening, probe("direct", grantedHost()));
            BubblewrapSandboxIsolationTest.Run outside = relayed(opening, probe("direct", "192.0.2.1:443"));

            assertThat(toGranted.stdout()).as(toGranted.stderr()).startsWith("failed: java.net.ConnectException");
            assertThat(outside.stdout()).as(outside.stderr()).startsWith("failed: java.net.");
        }
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void theRelayExitsWithTheProgramsExitCodeAndPassesTheProxyVariables() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            BubblewrapSandboxIsolationTest.Run run = relayed(opening, List.of("/bin/sh", "-c",
                    "echo \"$HTTPS_PROXY $https_proxy $HTTP_PROXY [$NO_PROXY] $JAVA_TOOL_OPTIONS\"; exit 7"));

            assertThat(run.exit()).as(run.stderr()).isEqualTo(7);
            assertThat(run.stdout()).isEqualTo("http://127.0.0.1:3128 http://127.0.0.1:3128 http://127.0.0.1:3128 [] "
                    + "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=3128 -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=3128\n");
        }
    }

    @Test
    void aJavaProgramUsesTheRelayAsItsProxyWithoutBeingTold() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            BubblewrapSandboxIsolationTest.Run run = relayed(opening, probe("selector", "api.example.com:443"));

            assertThat(run.stdout()).as(run.stderr()).startsWith("[HTTP @ 127.0.0.1").endsWith(":3128]\n");
        }
    }

    @Test
    void theRelayCannotStartAMissingProgramAndSaysSo() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            BubblewrapSandboxIsolationTest.Run run = relayed(opening, List.of("/no/such/program"));

            assertThat(run.exit()).isEqualTo(EgressRelay.CANNOT_RELAY);
            assertThat(run.stderr()).contains("warden egress relay: cannot start /no/such/program");
        }
    }

    /** Prints what the relay adds to a program's start; not an assertion, as timings on a shared machine vary. */
    @Test
    void measuresTheRelaysStartCost() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants(), audit, Resolver.system())) {
            BubblewrapSandbox sandbox = opening.bindInto(new BubblewrapSandbox(bwrap, grants(), folders.roots(),
                    folders.install(), List.of(EgressRelay.classes())));
            int rounds = 5;
            long direct = 0;
            long relayed = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                assertThat(BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(List.of("/bin/true"))).exit()).isZero();
                direct += System.nanoTime() - start;
                start = System.nanoTime();
                assertThat(BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(EgressRelay.command(EgressRelay.java(),
                        EgressRelay.classes(), EgressOpening.INSIDE, List.of("/bin/true")))).exit()).isZero();
                relayed += System.nanoTime() - start;
            }
            System.out.printf("egress relay start, mean of %d runs: bwrap + /bin/true %d ms, bwrap + relay + /bin/true %d ms,"
                    + " the relay adds %d ms%n", rounds, direct / rounds / 1_000_000, relayed / rounds / 1_000_000,
                    (relayed - direct) / rounds / 1_000_000);
        }
    }
}
