package dev.warden.manager.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The first program of a sandbox with an {@link EgressOpening}: most programs speak to a proxy over TCP only
 * ({@code HTTPS_PROXY}), and the sandbox has no network but its own loopback, so this listens on
 * {@code 127.0.0.1:}{@value #PORT} there (a port of its own: the sandbox's network namespace is new) and carries each
 * connection to the egress socket, unchanged. It runs the real program as its child, with the proxy variables set
 * ({@link #proxyVariables}) and its standard streams inherited, and exits with its exit code.
 *
 * <p>Run inside the sandbox as {@code java ... EgressRelay <socket> <program> [args...]} ({@link #command}); it
 * uses the JDK only, so Warden's own classes are all it needs mounted ({@link #classes()}). It opens nothing the
 * sandbox did not already hold: every byte still goes through the plugin's proxy, which decides. It exits with
 * {@value #CANNOT_RELAY} if it cannot listen, or cannot start the program.
 */
public final class EgressRelay {

    /** The port the relay listens on, on the sandbox's own loopback. */
    public static final int PORT = 3128;

    /** The exit code when the relay cannot listen or cannot start the program. */
    static final int CANNOT_RELAY = 125;

    /** What makes the relay's JVM start fast and stay small: it only copies bytes. */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xmx32m", "-Xss256k", "-XX:-UsePerfData");

    private EgressRelay() {
    }

    /**
     * @param args the egress socket, then the program and its arguments
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("warden egress relay: usage: EgressRelay <socket> <program> [args...]");
            System.exit(CANNOT_RELAY);
        }
        Path socket = Path.of(args[0]);
        List<String> program = Arrays.asList(args).subList(1, args.length);
        ServerSocket listener;
        try {
            listener = new ServerSocket(PORT, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            System.err.println("warden egress relay: cannot listen on the sandbox's loopback: " + e.getMessage());
            System.exit(CANNOT_RELAY);
            return;
        }
        Thread accepting = new Thread(() -> accept(listener, socket), "egress-relay-accept");
        accepting.setDaemon(true);
        accepting.start();

        ProcessBuilder child = new ProcessBuilder(program).inheritIO();
        proxyVariables().forEach(child.environment()::put);
        int exit;
        try {
            exit = child.start().waitFor();
        } catch (IOException e) {
            System.err.println("warden egress relay: cannot start " + program.get(0) + ": " + e.getMessage());
            exit = CANNOT_RELAY;
        } catch (InterruptedException e) {
            exit = CANNOT_RELAY;
        }
        System.exit(exit);
    }

    /**
     * @return the variables that send a program's HTTPS through the relay: both spellings of {@code HTTPS_PROXY},
     *         {@code HTTP_PROXY} and {@code ALL_PROXY}, an empty {@code NO_PROXY} (no host is tried directly: there
     *         is no network), {@code NODE_USE_ENV_PROXY} for Node's own {@code fetch}, and the JDK's proxy
     *         properties in {@code JAVA_TOOL_OPTIONS} for a Java program (a plugin cannot set that variable, Warden
     *         does). Plain {@code http://} through the proxy is refused by it: only {@code CONNECT} tunnels go out
     */
    static Map<String, String> proxyVariables() {
        String url = "http://127.0.0.1:" + PORT;
        return Map.of("HTTPS_PROXY", url, "https_proxy", url, "HTTP_PROXY", url, "http_proxy", url,
                "ALL_PROXY", url, "all_proxy", url, "NO_PROXY", "", "no_proxy", "", "NODE_USE_ENV_PROXY", "1",
                "JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + PORT + " -Dhttp.proxyHost=127.0.0.1"
                        + " -Dhttp.proxyPort=" + PORT);
    }

    /**
     * @param java           the {@code java} to run the relay with (the one Warden runs on, mounted in every sandbox)
     * @param classes        where the relay's class is ({@link #classes()}), mounted read-only in the sandbox
     * @param socket         the egress socket inside the sandbox
     * @param programAndArgs the real program and its arguments
     * @return the command line that runs the relay in front of the program
     */
    static List<String> command(Path java, Path classes, Path socket, List<String> programAndArgs) {
        if (programAndArgs.isEmpty()) {
            throw new IllegalArgumentException("the relay needs a program to run");
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classes.toString(), EgressRelay.class.getName(), socket.toString()));
        command.addAll(programAndArgs);
        return List.copyOf(command);
    }

    /** @return the {@code java} Warden runs on */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * @return the jar or folder this class was loaded from, to mount read-only and put on the relay's class path
     * @throws IllegalStateException if the class was not loaded from a file
     */
    static Path classes() {
        try {
            return Path.of(EgressRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where Warden's classes are, so the egress relay cannot run: " + e, e);
        }
    }

    private static void accept(ServerSocket listener, Path socket) {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread thread = new Thread(() -> relay(client, socket), "egress-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Carries one connection both ways until each side has ended, then closes both. */
    private static void relay(Socket client, Path socket) {
        try (client; SocketChannel proxy = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            proxy.connect(UnixDomainSocketAddress.of(socket));
            Thread up = new Thread(() -> {
                try {
                    InputStream in = client.getInputStream();
                    byte[] buffer = new byte[16 * 1024];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                        while (bytes.hasRemaining()) {
                            proxy.write(bytes);
                        }
                    }
                    proxy.shutdownOutput();
                } catch (IOException e) {
                    closeQuietly(proxy);
                }
            }, "egress-relay-up");
            up.setDaemon(true);
            up.start();
            OutputStream out = client.getOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (proxy.read(buffer.clear()) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                out.flush();
            }
            client.shutdownOutput();
            up.join();
        } catch (IOException e) {
            // the program or the proxy went away; closing both ends tells the other
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
