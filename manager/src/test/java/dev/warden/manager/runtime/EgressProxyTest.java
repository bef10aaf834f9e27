package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PermissionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class EgressProxyTest {

    /** What api.example.com resolves to here: a public address, routed to the local echo server. */
    private static final String PUBLIC = "93.184.216.34";

    @TempDir
    Path dir;

    private final GrantedHttpFixture fixture = new GrantedHttpFixture();
    private final AtomicInteger upstreamConnections = new AtomicInteger();
    private ServerSocket echo;
    private EgressProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    upstreamConnections.incrementAndGet();
                    Thread relay = new Thread(() -> {
                        try (socket) {
                            socket.getInputStream().transferTo(socket.getOutputStream());
                        } catch (IOException e) {
                            // the test is over
                        }
                    });
                    relay.setDaemon(true);
                    relay.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        fixture.dns.answer("api.example.com", PUBLIC);
    }

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        echo.close();
    }

    private EgressProxy proxy(EgressLimits limits) throws IOException {
        InetAddress published = GrantedHttpFixture.ip(PUBLIC);
        Dialer toEcho = (checked, port) -> checked.equals(published) && port == 443
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort())
                : new InetSocketAddress(checked, port);
        proxy = EgressProxy.start(dir.resolve("egress.sock"), fixture.grants, fixture.audit, fixture.dns, limits, toEcho);
        return proxy;
    }

    private EgressProxy proxy() throws IOException {
        return proxy(EgressLimits.defaults());
    }

    /** A plugin's side of one proxy connection. */
    private final class Client implements AutoCloseable {
        final SocketChannel channel;
        final InputStream in;
        final OutputStream out;

        Client() throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(proxy.socket()));
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
        }

        /** Sends the request and returns the response head and body up to the end of the head. */
        String request(String head) throws IOException {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            return responseHead();
        }

        String connect(String authority) throws IOException {
            return request("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
        }

        String responseHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        String roundTrip(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            return new String(in.readNBytes(text.length()), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void tunnelsAGrantedHostToItsCheckedAddressAndRelaysBytesBothWays() throws IOException {
        fixture.egress("https://api.example.com");
        proxy();
        try (Client client = new Client()) {
            assertThat(client.connect("api.example.com:443")).startsWith("HTTP/1.1 200 Connection established\r\n");
            assertThat(client.roundTrip("hello through the tunnel")).isEqualTo("hello through the tunnel");
            assertThat(client.roundTrip("and again")).isEqualTo("and again");
        }
        RecordingAudit.Entry entry = fixture.audit.only();
        assertThat(entry.kind()).isEqualTo(PermissionKind.NET_EGRESS);
        assertThat(entry.target()).isEqualTo("https://api.example.com:443");
        assertThat(entry.allowed()).isTrue();
        assertThat(entry.detail()).contains(PUBLIC);
        assertThat(fixture.dns.lookups("api.example.com")).isEqualTo(1);
    }

    @Test
    void relaysBytesTheClientSentRightAfterTheHead() throws IOException {
        fixture.egress("https://api.example.com");
        proxy();
        try (Client client = new Client()) {
            String head = client.request("CONNECT api.example.com:443 HTTP/1.1\r\n\r\nearly bytes");
            assertThat(head).startsWith("HTTP/1.1 200 ");
            assertThat(new String(client.in.readNBytes(11), StandardCharsets.UTF_8)).isEqualTo("early bytes");
        }
    }

    @Test
    void refusesAnUngrantedHostAndAuditsTheDenial() throws IOException {
        fixture.egress("https://api.example.com");
        fixture.dns.answer("other.example.org", PUBLIC);
        proxy();
        try (Client client = new Client()) {
            String response = client.connect("other.example.org:443");
            assertThat(response).startsWith("HTTP/1.1 403 Forbidden\r\n");
            assertThat(new String(client.in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("no net.egress grant covers https://other.example.org:443");
        }
        RecordingAudit.Entry entry = fixture.audit.only();
        assertThat(entry.target()).isEqualTo("https://other.example.org:443");
        assertThat(entry.allowed()).isFalse();
        assertThat(upstreamConnections).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "::ffff:127.0.0.1"})
    void refusesAGrantedNameThatResolvesToARestrictedAddress(String answer) throws IOException {
        fixture.egress("https://internal.example.com");
        fixture.dns.answer("internal.example.com", answer);
        proxy();
        try (Client client = new Client()) {
            assertThat(client.connect("internal.example.com:443")).startsWith("HTTP/1.1 403 ");
            assertThat(new String(client.in.readAllBytes(), StandardCharsets.UTF_8)).contains("resolves to");
        }
        assertThat(fixture.audit.only().allowed()).isFalse();
        assertThat(upstreamConnections).hasValue(0);
    }

    @ParameterizedTest
    @CsvSource({
        "api.example.com.evil.net:443, 403",
        "evil.net:443@api.example.com:443, 403",
        "api.example.com@evil.net:443, 403",
        "api.example.com:8443, 403",
        "API.EXAMPLE.COM.:8443, 403",
        "127.0.0.1:443, 403",
        "2130706433:443, 403",
        "[::1]:443, 403",
        "api.example.com%2eevil.net:443, 403",
        "api.example.com, 400",
        "api.example.com:, 400",
        "api.example.com:443/x, 400",
        "evil.net#api.example.com:443, 400",
    })
    void refusesAuthoritiesThatOnlyLookGranted(String authority, int status) throws IOException {
        fixture.egress("https://api.example.com");
        fixture.dns.answer("api.example.com.evil.net", PUBLIC).answer("evil.net", PUBLIC);
        proxy();
        try (Client client = new Client()) {
            assertThat(client.connect(authority)).startsWith("HTTP/1.1 " + status + " ");
        }
        assertThat(fixture.audit.entries).isNotEmpty().noneMatch(RecordingAudit.Entry::allowed);
        assertThat(upstreamConnections).hasValue(0);
    }

    @Test
    void answersAnUnknownHostWithBadGateway() throws IOException {
        fixture.egress("https://*.example.com");
        proxy();
        try (Client client = new Client()) {
            assertThat(client.connect("nowhere.example.com:443")).startsWith("HTTP/1.1 502 ");
        }
        assertThat(fixture.audit.only().detail()).isEqualTo("unknown host");
    }

    @Test
    void refusesAHeadLargerThanTheLimit() throws IOException {
        fixture.egress("https://api.example.com");
        proxy(new EgressLimits(4, 256, Duration.ofSeconds(2), Duration.ofSeconds(10)));
        try (Client client = new Client()) {
            String response = client.request("CONNECT api.example.com:443 HTTP/1.1\r\nX-Padding: "
                    + "a".repeat(300) + "\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 431 ");
        }
        assertThat(upstreamConnections).hasValue(0);
    }

    @Test
    void refusesPlainHttpForwardingWithTheReason() throws IOException {
        fixture.egress("http://api.example.com");
        proxy();
        try (Client client = new Client()) {
            assertThat(client.request("GET http://api.example.com/ HTTP/1.1\r\nHost: api.example.com\r\n\r\n"))
                    .startsWith("HTTP/1.1 405 ");
            assertThat(new String(client.in.readAllBytes(), StandardCharsets.UTF_8)).contains("only CONNECT");
        }
        assertThat(fixture.audit.only().target()).isEqualTo("http://api.example.com");
        assertThat(fixture.audit.only().allowed()).isFalse();
    }

    @Test
    void refusesTunnelsBeyondTheLimitUntilOneCloses() throws Exception {
        fixture.egress("https://api.example.com");
        proxy(new EgressLimits(2, 8192, Duration.ofSeconds(2), Duration.ofSeconds(10)));
        Client first = new Client();
        assertThat(first.connect("api.example.com:443")).startsWith("HTTP/1.1 200 ");
        try (Client second = new Client()) {
            assertThat(second.connect("api.example.com:443")).startsWith("HTTP/1.1 200 ");
            try (Client third = new Client()) {
                assertThat(third.connect("api.example.com:443")).startsWith("HTTP/1.1 503 ");
            }
            assertThat(fixture.audit.entries).filteredOn(e -> !e.allowed()).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("tunnels open at once"));
        }
        first.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (proxy.openTunnels() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        try (Client again = new Client()) {
            assertThat(again.connect("api.example.com:443")).startsWith("HTTP/1.1 200 ");
            assertThat(again.roundTrip("room again")).isEqualTo("room again");
        }
    }

    @Test
    void closeEndsOpenTunnelsAndStopsAccepting() throws IOException {
        fixture.egress("https://api.example.com");
        proxy();
        Path socket = proxy.socket();
        try (Client client = new Client()) {
            assertThat(client.connect("api.example.com:443")).startsWith("HTTP/1.1 200 ");
            assertThat(client.roundTrip("before")).isEqualTo("before");
            proxy.close();
            assertThat(readToEnd(client)).isEmpty();
        }
        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> SocketChannel.open(UnixDomainSocketAddress.of(socket))).isInstanceOf(IOException.class);
    }

    @Test
    void closesATunnelThatStaysIdle() throws IOException {
        fixture.egress("https://api.example.com");
        proxy(new EgressLimits(4, 8192, Duration.ofSeconds(2), Duration.ofMillis(300)));
        try (Client client = new Client()) {
            assertThat(client.connect("api.example.com:443")).startsWith("HTTP/1.1 200 ");
            assertThat(readToEnd(client)).isEmpty();
        }
    }

    @Test
    void closesAConnectionThatNeverFinishesItsHead() throws IOException {
        fixture.egress("https://api.example.com");
        proxy(new EgressLimits(4, 8192, Duration.ofSeconds(2), Duration.ofMillis(300)));
        try (Client client = new Client()) {
            client.out.write("CONNECT api.example.com:443 HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readToEnd(client)).isEmpty();
        }
        assertThat(upstreamConnections).hasValue(0);
    }

    @Test
    void refusesToBindOverAnExistingFile() throws IOException {
        Path taken = Files.createFile(dir.resolve("taken.sock"));
        assertThatThrownBy(() -> EgressProxy.start(taken, fixture.grants, fixture.audit, fixture.dns,
                EgressLimits.defaults())).isInstanceOf(IOException.class);
    }

    @Test
    void aSandboxedProcessReachesTheGrantedHostOnlyThroughTheBoundSocket() throws Exception {
        Path bwrap = Path.of("/usr/bin/bwrap");
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(bwrap) && Files.isExecutable(python), "needs bwrap and python3");
        fixture.egress("https://api.example.com");
        proxy();
        String script = String.join("\n",
                "import socket",
                "t = socket.socket()",
                "t.settimeout(2)",
                "try:",
                "    t.connect(('127.0.0.1', " + echo.getLocalPort() + "))",
                "    print('direct: connected')",
                "except OSError:",
                "    print('direct: refused')",
                "u = socket.socket(socket.AF_UNIX)",
                "u.settimeout(5)",
                "u.connect('/run/warden/egress.sock')",
                "u.sendall(b'CONNECT api.example.com:443 HTTP/1.1\\r\\n\\r\\n')",
                "head = b''",
                "while not head.endswith(b'\\r\\n\\r\\n'):",
                "    head += u.recv(1)",
                "print('proxy: ' + head.split(b'\\r\\n')[0].decode())",
                "u.sendall(b'ping')",
                "print('echo: ' + u.recv(4).decode())");
        Process process = new ProcessBuilder(bwrap.toString(), "--unshare-all", "--die-with-parent",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/run",
                "--bind", proxy.socket().toString(), "/run/warden/egress.sock", python.toString(), "-c", script)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("direct: refused", "proxy: HTTP/1.1 200 Connection established", "echo: ping");
    }

    /** Reads until the proxy ends the connection; a reset counts as the end. */
    private static byte[] readToEnd(Client client) {
        try {
            return client.in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
