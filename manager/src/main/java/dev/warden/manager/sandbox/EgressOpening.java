package dev.warden.manager.sandbox;

import dev.warden.api.manifest.Permission;
import dev.warden.manager.runtime.CapabilityAudit;
import dev.warden.manager.runtime.EgressLimits;
import dev.warden.manager.runtime.EgressProxy;
import dev.warden.manager.runtime.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;

/**
 * One plugin's way out of its sandbox: its {@link EgressProxy} on a Unix socket in a fresh folder only Warden's
 * user can enter, to be bound into the sandbox at {@link #INSIDE} ({@link BubblewrapSandbox#withEgress}).
 *
 * <p>The folder is made in the temp folder ({@code java.io.tmpdir}, or {@code /tmp} when that path is too long),
 * never in {@code $WARDEN_HOME}: a socket path must fit the kernel's {@value #MAX_SOCKET_PATH}-byte
 * {@code sun_path}, and a home can be deep. {@link #close()} stops the proxy, with every tunnel, and removes the
 * folder. Thread-safe.
 */
public final class EgressOpening implements AutoCloseable {

    /** Where the socket is inside the sandbox. */
    public static final Path INSIDE = BubblewrapSandbox.EGRESS_SOCKET;

    /** The longest socket path the kernel takes ({@code sun_path} is 108 bytes, with a closing NUL). */
    static final int MAX_SOCKET_PATH = 107;

    private static final String SOCKET_NAME = "egress.sock";

    private final Path folder;
    private final EgressProxy proxy;

    private EgressOpening(Path folder, EgressProxy proxy) {
        this.folder = folder;
        this.proxy = proxy;
    }

    /**
     * Starts the plugin's proxy.
     *
     * @param effective the plugin's effective permissions; its {@code net.egress} grants are what the proxy lets through
     * @param audit     where every connection, allowed or denied, is reported, as the plugin's
     * @param resolver  the name lookup ({@link Resolver#system()} in Warden)
     * @return the running opening
     * @throws IOException if the folder cannot be made or the socket bound
     */
    public static EgressOpening open(List<Permission> effective, CapabilityAudit audit, Resolver resolver) throws IOException {
        return open(effective, audit, resolver, tempRoot());
    }

    /** As the public method, with the folder the socket's folder is made in. */
    static EgressOpening open(List<Permission> effective, CapabilityAudit audit, Resolver resolver, Path root)
            throws IOException {
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(resolver, "resolver");
        Path folder = Files.createTempDirectory(root, "warden-egress-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = folder.resolve(SOCKET_NAME);
        try {
            if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                throw new IOException("the egress socket path " + socket + " is longer than the kernel's limit of "
                        + MAX_SOCKET_PATH + " bytes; set java.io.tmpdir to a shorter folder");
            }
            return new EgressOpening(folder, EgressProxy.start(socket, effective, audit, resolver, EgressLimits.defaults()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(folder);
            throw e;
        }
    }

    /** @return the socket on the host's side, to bind into the sandbox */
    public Path socket() {
        return proxy.socket();
    }

    /**
     * @param sandbox the plugin's sandbox
     * @return a copy of it with this opening's socket bound at {@link #INSIDE}
     */
    BubblewrapSandbox bindInto(BubblewrapSandbox sandbox) {
        return sandbox.withEgress(socket());
    }

    /** Stops the proxy, closing every tunnel, and removes the socket and its folder. */
    @Override
    public void close() {
        proxy.close();
        try {
            Files.deleteIfExists(proxy.socket());
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // an empty folder left in the temp folder opens nothing: the proxy behind it is gone
        }
    }

    /** The temp folder, or {@code /tmp} when a socket there would pass the kernel's limit. */
    private static Path tempRoot() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath();
        // "warden-egress-" + up to 20 random digits + "/egress.sock"
        int needed = temp.toString().length() + 1 + "warden-egress-".length() + 20 + 1 + SOCKET_NAME.length();
        return needed <= MAX_SOCKET_PATH && Files.isDirectory(temp) ? temp : Path.of("/tmp");
    }
}
