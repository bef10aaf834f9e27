package dev.warden.manager.gateway;

import dev.warden.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the gateway's bearer token in {@code $WARDEN_HOME/gateway-token}, readable and writable by its owner
 * only (mode 0600). The token stays the same from one {@code warden serve --http} to the next, so the client
 * configs that hold it keep working, until the person asks for a new one.
 */
public final class GatewayTokenStore {

    /** The file's name in the home folder. */
    public static final String FILE_NAME = "gateway-token";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** Where the token in use came from. */
    public enum Source {
        /** The file held a well-formed token, readable by its owner only. */
        REUSED,
        /** There was no file; a new token is in it now. */
        CREATED,
        /** The file did not hold a well-formed token; a new token replaced it. */
        REPLACED_MALFORMED,
        /** Other users could read or change the file (or it was a link): a new token replaced it. */
        REPLACED_EXPOSED,
        /** The person asked for a new token. */
        RENEWED;

        /** @return whether clients configured before need the new token */
        public boolean isNew() {
            return this != REUSED;
        }
    }

    /** The token in use and where it came from. */
    public record Issued(GatewayToken token, Source source) {
        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(source, "source");
        }
    }

    private final Path file;
    private final SecureRandom random;

    /** The token file of the home folder {@code home}, made when a token is first written. */
    public GatewayTokenStore(Path home, SecureRandom random) {
        this.file = Objects.requireNonNull(home, "home").resolve(FILE_NAME);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @return the token file */
    public Path file() {
        return file;
    }

    /**
     * The token in the file, or a new one written there when there is none, it is not well formed, or other
     * users could read or change it (a token they may know is no secret).
     *
     * @throws IOException if the file cannot be read or written, or the file system has no POSIX permissions
     */
    public Issued current() throws IOException {
        if (Files.isSymbolicLink(file)) {
            return renew(Source.REPLACED_EXPOSED);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return renew(Source.CREATED);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a file; Warden keeps the gateway token there: remove it");
        }
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IOException("cannot tell whether other users can read " + file + ": the file system has no"
                    + " POSIX permissions; choose a WARDEN_HOME on a POSIX file system");
        }
        Set<PosixFilePermission> open = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        open.retainAll(OTHERS);
        if (!open.isEmpty()) {
            return renew(Source.REPLACED_EXPOSED);
        }
        Optional<GatewayToken> token = GatewayToken.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
        return token.isPresent() ? new Issued(token.get(), Source.REUSED) : renew(Source.REPLACED_MALFORMED);
    }

    /**
     * Writes a new token over the old one; clients that hold the old one are refused from then on.
     *
     * @throws IOException if the file cannot be written, or the file system has no POSIX permissions
     */
    public Issued renew() throws IOException {
        return renew(Source.RENEWED);
    }

    private Issued renew(Source source) throws IOException {
        GatewayToken token = GatewayToken.generate(random);
        Files.createDirectories(file.getParent());
        // The temporary file is made 0600 before the token is in it, and replaces a link rather than following it.
        AtomicFiles.writeOwnerOnly(file, (token.value() + "\n").getBytes(StandardCharsets.US_ASCII));
        return new Issued(token, source);
    }
}
