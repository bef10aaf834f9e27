package dev.warden.manager.sandbox;

import dev.warden.catalog.manifest.Permission;
import dev.warden.manager.runtime.CapabilityAudit;
import dev.warden.manager.runtime.EgressLimits;
import dev.warden.manager.runtime.EgressProxy;
import dev.warden.manager.runtime.Resolver;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One plugin's way out of its sandbox: its {@link EgressProxy} on a Unix socket in a fresh folder only Warden's
 * user can enter, to be bound into the sandbox at {@link #INSIDE} ({@link BubblewrapSandbox#withEgress}).
 *
 * <p>The folder is made in the temp folder ({@code java.io.tmpdir}, or {@code /tmp} when that path is too long),
 * never in {@code $WARDEN_HOME}: a socket path must fit the kernel's {@value #MAX_SOCKET_PATH}-byte
 * {@code sun_path}, and a home can be deep. {@link #close()} stops the proxy, with every tunnel, and removes the
 * folder. A Warden that was killed cannot close its openings, so each {@link #open} first removes the folders of
 * openings nobody answers on any more ({@link #removeLeftovers}). Thread-safe.
 */
public final class EgressOpening implements AutoCloseable {

    /** Where the socket is inside the sandbox. */
    public static final Path INSIDE = BubblewrapSandbox.EGRESS_SOCKET;

    /** The longest socket path the kernel takes ({@code sun_path} is 108 bytes, with a closing NUL). */
    static final int MAX_SOCKET_PATH = 107;

    private static final String SOCKET_NAME = "egress.sock";
    private static final String FOLDER_PREFIX = "warden-egress-";

    /** How old a folder must be before it counts as left over: one younger may be another Warden's, being opened. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    private final Path folder;
    private final EgressProxy proxy;
    /** Removes the folder when Warden is stopped by a signal (a client ending {@code serve}) before closing this. */
    private final Thread onExit;

    private EgressOpening(Path folder, EgressProxy proxy) {
        this.folder = folder;
        this.proxy = proxy;
        this.onExit = new Thread(this::removeFolder, "warden-egress-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
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
        removeLeftovers(root, LEFTOVER_AGE);
        Path folder = Files.createTempDirectory(root, FOLDER_PREFIX,
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
        removeFolder();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // Warden is stopping: the hook runs, and finds nothing left to remove
        }
    }

    private void removeFolder() {
        try {
            Files.deleteIfExists(proxy.socket());
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a folder left in the temp folder opens nothing: the proxy behind it is gone, and the next open removes it
        }
    }

    /**
     * Removes the folders of openings that a Warden no longer running left in {@code root}: those of this user, older
     * than {@code age}, whose socket is missing or refuses a connection. A live opening answers and is kept.
     *
     * @return how many folders were removed
     */
    static int removeLeftovers(Path root, Duration age) {
        int removed = 0;
        Instant before = Instant.now().minus(age);
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, FOLDER_PREFIX + "*")) {
            for (Path folder : folders) {
                try {
                    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !ownedByMe(folder)
                            || Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(before)
                            || answers(folder.resolve(SOCKET_NAME))) {
                        continue;
                    }
                    Files.deleteIfExists(folder.resolve(SOCKET_NAME));
                    Files.deleteIfExists(folder);
                    removed++;
                } catch (IOException e) {
                    // not ours, or something else is in it: left alone
                }
            }
        } catch (IOException e) {
            // the temp folder cannot be listed: nothing to clean
        }
        return removed;
    }

    private static boolean ownedByMe(Path folder) throws IOException {
        return Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
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
