package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One plugin's way out of its sandbox: an HTTP/1.1 proxy on a Unix domain socket (the only network
 * opening bound into the sandbox) that opens {@code CONNECT host:port} tunnels to origins its
 * {@code net.egress} grants cover, by the same rules as {@link GrantedHttp} ({@link EgressCheck}).
 *
 * <p>A CONNECT is judged as the origin {@code https://host:port}: the authority is read strictly
 * ({@link HttpTarget}: no user information, no percent-encoding, IP literals in any notation read as
 * addresses, an explicit port required), a grant must cover it, the name is resolved once and every
 * answer checked, and the tunnel goes to the checked address, never to a second lookup. Every attempt,
 * allowed or denied, is reported to the {@link CapabilityAudit} with the target {@code https://host:port}.
 * Refusals are answered 403 (not granted), 502 (unknown host, connection failed), 503 (too many
 * tunnels), 400/431 (malformed or oversized head), 405 (anything but CONNECT: plain http is not
 * forwarded), each with a one-line reason. Connections idle longer than the limit are closed.
 *
 * <p>Threads: one accepting, one per connection reading the head and then relaying plugin to host, and
 * one relaying host to plugin. {@link #close()} stops accepting and closes every connection.
 */
public final class EgressProxy implements AutoCloseable {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final Path socket;
    private final ServerSocketChannel server;
    private final EgressCheck check;
    private final CapabilityAudit audit;
    private final EgressLimits limits;
    private final Dialer dialer;
    private final Semaphore connections;
    private final Semaphore tunnels;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger threads = new AtomicInteger();
    private final Thread acceptor;
    private final Thread watchdog;

    private EgressProxy(Path socket, ServerSocketChannel server, List<Permission> effective, CapabilityAudit audit,
                        Resolver resolver, EgressLimits limits, Dialer dialer) {
        this.socket = socket;
        this.server = server;
        this.audit = audit;
        this.check = new EgressCheck(new HttpGrants(List.copyOf(effective)), resolver, audit, HttpTarget::origin);
        this.limits = limits;
        this.dialer = dialer;
        // heads being read count apart from open tunnels, so slow clients cannot starve granted tunnels
        this.connections = new Semaphore(limits.maxTunnels());
        this.tunnels = new Semaphore(limits.maxTunnels());
        this.acceptor = daemon(this::accept, "egress-accept " + socket.getFileName());
        this.watchdog = daemon(this::closeIdle, "egress-idle " + socket.getFileName());
    }

    /**
     * Binds the socket (readable and writable by its owner only) and starts accepting.
     *
     * @param socket    where to bind; must not exist
     * @param effective the plugin's effective permissions; only {@code net.egress} matters here
     * @param audit     where every connection attempt is reported
     * @param resolver  the name lookup, called once per CONNECT
     * @param limits    tunnel count, head size and time limits
     * @return the running proxy
     * @throws IOException if the socket cannot be bound (for instance, the path exists)
     */
    public static EgressProxy start(Path socket, List<Permission> effective, CapabilityAudit audit, Resolver resolver,
                                    EgressLimits limits) throws IOException {
        return start(socket, effective, audit, resolver, limits, Dialer.DIRECT);
    }

    /** As the public method, with where connections to checked addresses go (tests). */
    static EgressProxy start(Path socket, List<Permission> effective, CapabilityAudit audit, Resolver resolver,
                             EgressLimits limits, Dialer dialer) throws IOException {
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(dialer, "dialer");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            try {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder holding the socket is what protects it
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        EgressProxy proxy = new EgressProxy(socket, server, effective, audit, resolver, limits, dialer);
        proxy.acceptor.start();
        proxy.watchdog.start();
        return proxy;
    }

    /** @return the socket path the proxy listens on */
    public Path socket() {
        return socket;
    }

    /** @return how many tunnels are open now */
    int openTunnels() {
        return limits.maxTunnels() - tunnels.availablePermits();
    }

    /** Stops accepting, closes every connection and tunnel, and removes the socket file. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        quietly(server::close);
        acceptor.interrupt();
        watchdog.interrupt();
        for (Connection connection : open) {
            connection.close();
        }
        quietly(() -> Files.deleteIfExists(socket));
    }

    private void accept() {
        while (!closed.get()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (closed.get()) {
                quietly(client::close);
                return;
            }
            if (!connections.tryAcquire()) {
                // no head is read, so there is no target to name: the audit still hears of it
                audit.record(PermissionKind.NET_EGRESS, "(unread request)", false,
                        "more than " + limits.maxTunnels() + " requests waiting at once");
                respond(client, 503, "too many requests waiting at once");
                quietly(client::close);
                continue;
            }
            Connection connection = new Connection(client);
            open.add(connection);
            if (closed.get()) {
                connection.close();
            }
            daemon(() -> serve(connection), "egress-" + threads.incrementAndGet()).start();
        }
    }

    /** Reads the head, judges the CONNECT, and relays plugin to host on this thread. */
    private void serve(Connection connection) {
        boolean headRead = false;
        try {
            Head head = readHead(connection);
            connections.release();
            headRead = true;
            if (head.status != 0) {
                audit.record(PermissionKind.NET_EGRESS, "(unreadable request)", false, head.reason);
                respond(connection.client, head.status, head.reason);
                return;
            }
            String[] line = head.requestLine.split(" ", -1);
            if (line.length != 3 || !line[2].equals("HTTP/1.1") && !line[2].equals("HTTP/1.0")) {
                respond(connection.client, 400, "the request line is not METHOD TARGET HTTP/1.1");
                return;
            }
            if (!line[0].equals("CONNECT")) {
                audit.record(PermissionKind.NET_EGRESS, HttpTarget.refusedTarget(line[1]), false,
                        line[0] + " through the proxy: only CONNECT tunnels are offered");
                respond(connection.client, 405, "only CONNECT host:port is supported; plain http is not forwarded");
                return;
            }
            tunnel(connection, line[1], head.rest);
        } catch (IOException e) {
            // the plugin or the host went away, or close() or the idle limit closed the connection
            connection.close();
        } catch (RuntimeException e) {
            // the audit refused the use (the plugin is quarantined) or could not write it: the use does not happen
            respond(connection.client, 403, "refused: " + e.getMessage());
            connection.close();
        } finally {
            if (!headRead) {
                connections.release();
            }
            connection.endUpload();
        }
    }

    private void tunnel(Connection connection, String authority, ByteBuffer early) throws IOException {
        if (authority.isEmpty() || !authority.chars().allMatch(c -> c > 0x20 && c < 0x7f && "/?#".indexOf(c) < 0)
                || !hasPort(authority)) {
            audit.record(PermissionKind.NET_EGRESS, HttpTarget.refusedTarget("https://" + authority), false,
                    "CONNECT takes host:port only");
            respond(connection.client, 400, "CONNECT takes host:port only");
            return;
        }
        HttpTarget target;
        InetAddress address;
        try {
            target = check.allowedTarget("https://" + authority);
            address = check.checkedAddress(target);
        } catch (EgressCheck.Refused e) {
            respond(connection.client, e.unknownHost() ? 502 : 403, e.reason());
            return;
        }
        if (!tunnels.tryAcquire()) {
            audit.record(PermissionKind.NET_EGRESS, target.origin(), false,
                    "more than " + limits.maxTunnels() + " tunnels open at once");
            respond(connection.client, 503, "more than " + limits.maxTunnels() + " tunnels open at once");
            return;
        }
        connection.holdsTunnel.set(true);
        if (connection.isClosed()) {
            connection.releaseTunnel();
            return;
        }
        audit.record(PermissionKind.NET_EGRESS, target.origin(), true, "CONNECT to " + address.getHostAddress());
        Socket upstream = new Socket();
        connection.upstream = upstream;
        if (connection.isClosed()) {
            return;
        }
        try {
            upstream.connect(dialer.address(address, target.port()), (int) limits.connectTimeout().toMillis());
        } catch (IOException e) {
            respond(connection.client, 502, "could not connect to " + target.origin());
            return;
        }
        write(connection.client, "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        connection.touch();
        daemon(() -> download(connection), "egress-" + threads.incrementAndGet()).start();
        OutputStream out = upstream.getOutputStream();
        if (early.hasRemaining()) {
            out.write(early.array(), early.position(), early.remaining());
        }
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        while (connection.client.read(buffer.clear()) >= 0) {
            connection.touch();
            out.write(buffer.array(), 0, buffer.position());
        }
    }

    /** Relays host to plugin until the host closes its side. */
    private void download(Connection connection) {
        try {
            InputStream in = connection.upstream.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                connection.touch();
                write(connection.client, ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException e) {
            // closed by the other direction, close() or the idle limit
        } finally {
            connection.endDownload();
        }
    }

    /** The request line and what followed the head, or a status to refuse with. */
    private record Head(String requestLine, ByteBuffer rest, int status, String reason) {
    }

    private Head readHead(Connection connection) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limits.maxHeadBytes());
        int end;
        while ((end = indexOf(buffer, HEAD_END)) < 0) {
            if (!buffer.hasRemaining()) {
                return new Head("", buffer, 431, "the request head is larger than " + limits.maxHeadBytes() + " bytes");
            }
            if (connection.client.read(buffer) < 0) {
                throw new IOException("closed before the end of the request head");
            }
            connection.touch();
        }
        byte[] bytes = buffer.array();
        for (int i = 0; i < end; i++) {
            if (bytes[i] < 0 || bytes[i] < 0x20 && bytes[i] != '\r' && bytes[i] != '\n' && bytes[i] != '\t') {
                return new Head("", buffer, 400, "the request head is not plain ASCII text");
            }
        }
        String text = new String(bytes, 0, end, StandardCharsets.US_ASCII);
        int eol = text.indexOf("\r\n");
        ByteBuffer rest = ByteBuffer.wrap(bytes, end + HEAD_END.length, buffer.position() - end - HEAD_END.length);
        return new Head(eol < 0 ? text : text.substring(0, eol), rest, 0, "");
    }

    private static int indexOf(ByteBuffer buffer, byte[] needle) {
        byte[] bytes = buffer.array();
        outer:
        for (int i = 0; i + needle.length <= buffer.position(); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** An explicit port after the host (RFC 9110: CONNECT names host and port). */
    private static boolean hasPort(String authority) {
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        return colon > close && colon < authority.length() - 1;
    }

    private static void respond(SocketChannel client, int status, String reason) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + phrase(status) + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try {
            write(client, head.getBytes(StandardCharsets.US_ASCII));
            write(client, ByteBuffer.wrap(body));
        } catch (IOException e) {
            // the plugin went away; nothing to tell
        }
    }

    private static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        write(channel, ByteBuffer.wrap(bytes));
    }

    private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private void closeIdle() {
        long idle = limits.idleTimeout().toNanos();
        long sweep = Math.max(10, Math.min(1000, limits.idleTimeout().toMillis() / 4));
        while (!closed.get()) {
            try {
                Thread.sleep(sweep);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Connection connection : open) {
                if (now - connection.lastActive > idle) {
                    connection.close();
                }
            }
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private interface Closing {
        void run() throws IOException;
    }

    private static void quietly(Closing action) {
        try {
            action.run();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }

    /** One accepted connection and, once granted, its tunnel; closed when both directions end. */
    private final class Connection {
        final SocketChannel client;
        volatile Socket upstream;
        final AtomicBoolean holdsTunnel = new AtomicBoolean();
        volatile long lastActive = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicInteger ended = new AtomicInteger();

        Connection(SocketChannel client) {
            this.client = client;
        }

        void touch() {
            lastActive = System.nanoTime();
        }

        boolean isClosed() {
            return done.get();
        }

        /** The plugin closed its side (or the request was answered): pass the end on, close if the host is done. */
        void endUpload() {
            Socket up = upstream;
            if (up == null || !up.isConnected()) {
                close();
                return;
            }
            quietly(() -> {
                if (!up.isClosed()) {
                    up.shutdownOutput();
                }
            });
            if (ended.incrementAndGet() == 2) {
                close();
            }
        }

        /** The host closed its side: pass the end on, close if the plugin is done. */
        void endDownload() {
            quietly(() -> {
                if (client.isOpen()) {
                    client.shutdownOutput();
                }
            });
            if (ended.incrementAndGet() == 2) {
                close();
            }
        }

        void close() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            open.remove(this);
            quietly(client::close);
            Socket up = upstream;
            if (up != null) {
                quietly(up::close);
            }
            releaseTunnel();
        }

        void releaseTunnel() {
            if (holdsTunnel.compareAndSet(true, false)) {
                tunnels.release();
            }
        }
    }
}
