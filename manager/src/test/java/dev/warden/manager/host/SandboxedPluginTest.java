package dev.warden.manager.host;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEntry;
import dev.warden.manager.runtime.Resolver;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.verify.VerificationReport;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins in {@code process} mode (DESIGN 6.5): honest code gets its capabilities from Warden over the wire, and
 * hostile code forced past the bytecode check, free to use any JDK class, meets the sandbox: no file outside its
 * grants, no network, no other processes, killed past its memory or time.
 */
class SandboxedPluginTest {

    private static final String PROBE_SCHEMA = "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}";
    private static final String SECRET = "planted-secret-7f3a";

    @TempDir
    Path temp;

    HostFixture fixture;
    Path bwrap;

    @BeforeEach
    void setUp() throws Exception {
        IsolationSupport support = IsolationSupport.here();
        assumeTrue(support.mode() == IsolationDecision.Verdict.PROCESS, "process isolation is not available here: " + support.reason());
        bwrap = support.bwrap().orElseThrow();
        fixture = new HostFixture(temp);
        Files.writeString(fixture.workspace.resolve("notes.txt"), "granted words");
    }

    /** Installs an honest plugin with one tool, {@code probe}, granted {@code ${workspace}} to read. */
    PluginId installProbe(String name, String callBody) throws Exception {
        return fixture.install(plugin("acme", name).pluginClass("com.acme." + name + ".Main")
                        .permission("fs.read", "${workspace}/**", "reads your notes")
                        .connector("probe", "Looks at something", PROBE_SCHEMA),
                PluginHostTest.code(name, "", "\"probe\"", callBody));
    }

    /** As {@link #installProbe}, then its code replaced by {@code hostileBody}, as an attacker with the home folder could. */
    PluginId installHostile(String name, String hostileBody) throws Exception {
        PluginId id = installProbe(name, "return ToolResult.text(\"honest\");");
        fixture.replaceCode(id, PluginHostTest.code(name, "", "\"probe\"",
                "try { " + hostileBody + " } catch (Throwable e) { return ToolResult.text(\"blocked: \" + e); }"));
        return id;
    }

    /** A host running every plugin sandboxed. */
    PluginHost sandboxedHost(PluginHost.Limits limits) throws Exception {
        Isolation isolation = Isolation.of(id -> IsolationDecision.process(bwrap, "bubblewrap at " + bwrap), fixture::roots, Resolver.system(),
                Isolation.DEFAULT_HEAP_BYTES);
        return PluginHost.start(fixture.lifecycle(), fixture.filesOnly(), id -> true, limits, Optional.empty(), isolation);
    }

    /** A host running every plugin sandboxed, with the code check skipped and any JDK class loadable: hostile code runs. */
    PluginHost hostileHost(PluginHost.Limits limits) throws Exception {
        Isolation isolation = Isolation.of(id -> IsolationDecision.process(bwrap, "bubblewrap at " + bwrap), fixture::roots, Resolver.system(), 64L * 1024 * 1024)
                .withAnyJdkClass();
        LoadCheck pastTheVerifier = dir -> new VerificationReport(0, List.of());
        return PluginHost.start(fixture.lifecycle(), fixture.filesOnly(), id -> true, limits, Optional.of(pastTheVerifier),
                isolation);
    }

    String probe(PluginHost host, PluginId id, String path) throws Exception {
        return host.call(id, "probe", "{\"path\":\"" + path + "\"}").result().content();
    }

    @Test
    void anHonestPluginGetsItsGrantedCapabilitiesFromWardenAndEachUseIsAudited() throws Exception {
        PluginId reader = installProbe("reader", """
                String path = call.input().get("path").orElseThrow().asString();
                try {
                    return ToolResult.text(new String(context.files().read(path).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (dev.warden.api.capability.CapabilityException e) {
                    throw new ToolException(e.getMessage());
                }
                """);

        try (PluginHost host = sandboxedHost(PluginHost.Limits.standard())) {
            assertThat(host.sandboxed(reader)).isTrue();
            assertThat(host.running()).containsExactly(reader);

            ToolOutcome granted = host.call(reader, "probe", "{\"path\":\"${workspace}/notes.txt\"}");
            ToolOutcome denied = host.call(reader, "probe", "{\"path\":\"${home}/.ssh/id_ed25519\"}");

            assertThat(granted.kind()).isEqualTo(ToolOutcome.Kind.OK);
            assertThat(granted.result().content()).isEqualTo("granted words");
            assertThat(denied.kind()).isEqualTo(ToolOutcome.Kind.DENIED);
            assertThat(denied.result().content()).contains("fs.read");
        }
        List<AuditEntry> audit = fixture.lifecycle().audit().read(Optional.of(reader));
        assertThat(audit).filteredOn(e -> e.event().equals("capability"))
                .extracting(e -> e.details().get("decision")).contains("allowed", "denied");
        assertThat(audit).filteredOn(e -> e.event().equals("tool.call"))
                .extracting(e -> e.details().get("outcome")).containsExactly("ok", "denied");
    }

    @Test
    void hostileCodeCannotReadAFileOutsideItsGrantsButSeesItsGrantedFolderReadOnly() throws Exception {
        Path sshKey = Files.createDirectories(temp.resolve("user-home/.ssh")).resolve("id_ed25519");
        Files.writeString(sshKey, SECRET);
        Path homeSecret = temp.resolve("home/secrets/planted.json");
        Files.createDirectories(homeSecret.getParent());
        Files.writeString(homeSecret, SECRET);
        PluginId reader = installHostile("reader", """
                String path = call.input().get("path").orElseThrow().asString();
                return ToolResult.text("read: " + java.nio.file.Files.readString(java.nio.file.Path.of(path)));
                """);
        PluginId writer = installHostile("writer", """
                String path = call.input().get("path").orElseThrow().asString();
                java.nio.file.Files.writeString(java.nio.file.Path.of(path), "overwritten");
                return ToolResult.text("wrote");
                """);

        try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
            assertThat(host.running()).contains(reader, writer);

            assertThat(probe(host, reader, sshKey.toString())).startsWith("blocked: java.nio.file.NoSuchFileException");
            assertThat(probe(host, reader, homeSecret.toString())).startsWith("blocked: java.nio.file.NoSuchFileException");
            assertThat(probe(host, reader, "/etc/shadow")).doesNotContain("root:");
            assertThat(probe(host, reader, fixture.workspace.resolve("notes.txt").toString())).isEqualTo("read: granted words");
            assertThat(probe(host, writer, fixture.workspace.resolve("notes.txt").toString()))
                    .startsWith("blocked: java.nio.file.").contains("Read-only file system");
        }
        assertThat(fixture.workspace.resolve("notes.txt")).hasContent("granted words");
    }

    @Test
    void hostileCodeCannotOpenASocketToThisMachineOrBeyond() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            List<String> addresses = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof java.net.Inet4Address).map(InetAddress::getHostAddress).toList();
            assertThat(addresses).contains("127.0.0.1");
            PluginId dialer = installHostile("dialer", """
                    String host = call.input().get("path").orElseThrow().asString();
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress(host, %d), 2000);
                        return ToolResult.text("connected to " + host);
                    }
                    """.formatted(listener.getLocalPort()));

            try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
                for (String address : addresses) {
                    assertThat(probe(host, dialer, address)).as(address).startsWith("blocked: java.net.");
                }
                assertThat(probe(host, dialer, "203.0.113.9")).startsWith("blocked: java.net.");
            }
            listener.setSoTimeout(1);
            assertThatThrownBy(listener::accept).as("a connection from the sandbox reached the listener")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void hostileCodeReachesTheNetworkOnlyThroughItsProxyAndOnlyItsGrantedHost() throws Exception {
        try (ServerSocket granted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket ungranted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            PluginId id = fixture.install(plugin("acme", "tunneler").pluginClass("com.acme.tunneler.Main")
                            .permission("net.egress", "https://127.0.0.1:" + granted.getLocalPort(), "its one service")
                            .connector("probe", "Looks at something", PROBE_SCHEMA),
                    PluginHostTest.code("tunneler", "", "\"probe\"", "return ToolResult.text(\"honest\");"));
            fixture.replaceCode(id, PluginHostTest.code("tunneler", "", "\"probe\"", """
                    String target = call.input().get("path").orElseThrow().asString();
                    try (java.nio.channels.SocketChannel proxy = java.nio.channels.SocketChannel.open(
                            java.net.UnixDomainSocketAddress.of("/run/warden/egress.sock"))) {
                        proxy.write(java.nio.ByteBuffer.wrap(("CONNECT " + target + " HTTP/1.1\\r\\nHost: " + target
                                + "\\r\\n\\r\\n").getBytes()));
                        java.nio.ByteBuffer answer = java.nio.ByteBuffer.allocate(200);
                        proxy.read(answer);
                        return ToolResult.text(new String(answer.array(), 0, answer.position()).lines().findFirst().orElse(""));
                    } catch (Throwable e) {
                        return ToolResult.text("blocked: " + e);
                    }
                    """));

            try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
                assertThat(probe(host, id, "127.0.0.1:" + ungranted.getLocalPort())).startsWith("HTTP/1.1 403");
                assertThat(probe(host, id, "127.0.0.1:" + granted.getLocalPort())).startsWith("HTTP/1.1 200");
            }
            ungranted.setSoTimeout(1);
            assertThatThrownBy(ungranted::accept).as("the proxy let a tunnel reach an ungranted host")
                    .isInstanceOf(SocketTimeoutException.class);
            granted.setSoTimeout(5_000);
            granted.accept().close();
            assertThat(fixture.lifecycle().audit().read(Optional.of(id))).filteredOn(e -> e.event().equals("capability"))
                    .extracting(e -> e.details().get("kind") + " " + e.details().get("target") + " " + e.details().get("decision"))
                    .contains("net.egress https://127.0.0.1:" + ungranted.getLocalPort() + " denied",
                            "net.egress https://127.0.0.1:" + granted.getLocalPort() + " allowed");
        }
    }

    @Test
    void hostileCodeSeesNoProcessButItsOwn() throws Exception {
        Process bystander = new ProcessBuilder("sleep", "120").start();
        try {
            PluginId looker = installHostile("looker", """
                    StringBuilder seen = new StringBuilder();
                    try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                        for (java.nio.file.Path entry : entries.toList()) {
                            String name = entry.getFileName().toString();
                            if (name.chars().allMatch(Character::isDigit)) {
                                byte[] line = java.nio.file.Files.readAllBytes(entry.resolve("cmdline"));
                                seen.append(name).append('=').append(new String(line).replace('\\0', ' ').strip()).append('\\n');
                            }
                        }
                    }
                    return ToolResult.text(seen.toString());
                    """);

            try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
                String seen = probe(host, looker, "");

                assertThat(seen).doesNotContain("sleep 120").doesNotContain("surefire");
                assertThat(seen.lines()).isNotEmpty().allSatisfy(line ->
                        assertThat(line.substring(line.indexOf('=') + 1)).matches("(.*/)?(bwrap|java) .*"));
            }
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void hostileCodeThatTakesMoreThanItsMemoryIsStoppedAndTheOthersRun() throws Exception {
        PluginId hog = installHostile("hog", """
                java.util.List<byte[]> kept = new java.util.ArrayList<>();
                while (true) {
                    kept.add(new byte[8 << 20]);
                }
                """);
        PluginId reader = installProbe("calm", "return ToolResult.text(\"still here\");");

        try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
            ToolOutcome outcome = host.call(hog, "probe", "{}");

            assertThat(outcome.kind()).isEqualTo(ToolOutcome.Kind.FAILED);
            assertThat(outcome.result().content()).contains("ran out of its memory limit");
            assertThat(host.running()).containsExactly(reader);
            assertThat(probe(host, reader, "")).isEqualTo("still here");
        }
    }

    @Test
    void hostileCodeThatRunsPastItsTimeIsKilledWithEverythingItStarted() throws Exception {
        PluginId spinner = installHostile("spinner", """
                new ProcessBuilder("sleep", "300").start();
                while (true) {
                    Thread.onSpinWait();
                }
                """);

        try (PluginHost host = hostileHost(PluginHost.Limits.standard().withCall(Duration.ofSeconds(2)))) {
            assertThatThrownBy(() -> host.call(spinner, "probe", "{}")).isInstanceOf(ToolCallException.class)
                    .satisfies(e -> assertThat(((ToolCallException) e).reason()).isEqualTo(ToolCallException.Reason.TIMED_OUT));

            assertThat(host.running()).doesNotContain(spinner);
            String installed = fixture.store().pluginDir(spinner, dev.warden.catalog.manifest.Version.parse("1.0.0")).toString();
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(installed))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))).isEmpty();
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("sleep 300")))
                    .isEmpty();
        }
    }

    @Test
    void hostileCodeThatExitsItsProcessEndsOnlyItselfAndTheCallSaysSo() throws Exception {
        PluginId quitter = installHostile("quitter", """
                Runtime.getRuntime().halt(7);
                return ToolResult.text("unreachable");
                """);
        PluginId calm = installProbe("calm", "return ToolResult.text(\"still here\");");

        try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
            ToolOutcome outcome = host.call(quitter, "probe", "{}");

            assertThat(outcome.kind()).isEqualTo(ToolOutcome.Kind.FAILED);
            assertThat(outcome.result().content()).contains("its process ended").contains("exit 7");
            assertThat(probe(host, calm, "")).isEqualTo("still here");
        }
    }

    @Test
    void hostileCodeThatWritesGarbageOnTheWireIsKilledAndTheCallSaysWhy() throws Exception {
        PluginId forger = installHostile("forger", """
                java.io.FileOutputStream wire = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                wire.write("{not json\\n".getBytes());
                wire.flush();
                Thread.sleep(60_000);
                return ToolResult.text("unreachable");
                """);

        try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
            ToolOutcome outcome = host.call(forger, "probe", "{}");

            assertThat(outcome.kind()).isEqualTo(ToolOutcome.Kind.FAILED);
            assertThat(outcome.result().content()).contains("not JSON");
            String installed = fixture.store().pluginDir(forger, dev.warden.catalog.manifest.Version.parse("1.0.0")).toString();
            assertThat(eventuallyNone(installed)).as("the forger's process is gone").isTrue();
        }
    }

    /** @return true once no process's command line names {@code text}, within a few seconds */
    private static boolean eventuallyNone(String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(text))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aKilledPluginStartsAgainOnItsNextCallButNotMoreThanItsRestartBudget() throws Exception {
        PluginId moody = installHostile("moody", """
                if (call.input().get("path").orElseThrow().asString().equals("hang")) {
                    while (true) {
                        Thread.onSpinWait();
                    }
                }
                return ToolResult.text("fine");
                """);

        try (PluginHost host = hostileHost(PluginHost.Limits.standard().withCall(Duration.ofSeconds(1)))) {
            for (int restart = 0; restart < RestartBudget.RESTARTS; restart++) {
                assertThatThrownBy(() -> probe(host, moody, "hang")).isInstanceOf(ToolCallException.class);
                assertThat(probe(host, moody, "")).as("after restart %d", restart + 1).isEqualTo("fine");
            }
            assertThatThrownBy(() -> probe(host, moody, "hang")).isInstanceOf(ToolCallException.class);

            assertThatThrownBy(() -> probe(host, moody, "")).isInstanceOf(ToolCallException.class)
                    .hasMessageContaining("killed after its call to probe ran past 1 s")
                    .hasMessageContaining("stays stopped");
        }
        assertThat(fixture.lifecycle().audit().read(Optional.of(moody))).filteredOn(e -> e.event().equals("plugin.restart"))
                .hasSize(RestartBudget.RESTARTS);
    }

    @Test
    void aPluginWhoseCodeFailsToStartInItsProcessIsReportedWithTheReason() throws Exception {
        PluginId broken = fixture.install(plugin("acme", "broken").pluginClass("com.acme.broken.Main")
                        .connector("probe", "Looks", PROBE_SCHEMA),
                PluginHostTest.code("broken", "throw new ToolException(\"no config found\");", "\"probe\"", "return null;"));

        try (PluginHost host = sandboxedHost(PluginHost.Limits.standard())) {
            assertThat(host.running()).isEmpty();
            assertThat(host.problems()).singleElement().satisfies(p -> {
                assertThat(p.plugin()).isEqualTo(broken.toString());
                assertThat(p.reason()).contains("no config found");
            });
        }
    }

    @Test
    void theToolsTheProcessServesMustBeThoseTheManifestDeclares() throws Exception {
        PluginId sneaky = installProbe("sneaky", "return ToolResult.text(\"x\");");
        fixture.replaceCode(sneaky, PluginHostTest.code("sneaky", "", "\"probe\", \"exfiltrate\"", "return ToolResult.text(\"x\");"));

        try (PluginHost host = hostileHost(PluginHost.Limits.standard())) {
            assertThat(host.running()).isEmpty();
            assertThat(host.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("exfiltrate"));
        }
    }
}
