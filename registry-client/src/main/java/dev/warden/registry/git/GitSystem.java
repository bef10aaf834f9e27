package dev.warden.registry.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.SystemReader;

/**
 * What JGit reads of this machine while Warden uses it; installed once, before Warden's first JGit call
 * ({@link GitRepositories}, through which every use goes, installs it).
 *
 * <p>By default JGit sees no git configuration but a repository's own: neither the person's {@code ~/.gitconfig}
 * nor the system's, so no {@code git} program is started to find where the system's is, and no setting there changes
 * how Warden reads and writes the marketplace clones in its cache or reads a repository on this machine to clone it
 * ({@code core.streamFileThreshold}, {@code core.compression}, {@code include.path}...). JGit's own file of measured
 * file-system timestamps ({@code ~/.config/jgit/config}) is still read, so it is measured once, not on every start.
 *
 * <p>What reaches a remote, or writes into the person's own repository, runs inside {@link #personsConfiguration()}
 * and sees both files as JGit always did ({@code url.<base>.insteadOf}, {@code http.sslVerify},
 * {@code http.extraHeader}, {@code user.name}...). A repository keeps the configuration it was opened with.
 *
 * <p>JGit's umask is read from {@code /proc/self/status} instead of a shell it would start to ask.
 */
final class GitSystem extends SystemReader.Delegate {

    private static final ThreadLocal<Boolean> PERSONS = ThreadLocal.withInitial(() -> Boolean.FALSE);

    static {
        SystemReader.setInstance(new GitSystem(SystemReader.getInstance()));
        if (FS.DETECTED instanceof FS_POSIX posix) {
            umask().ifPresent(posix::setUmask);
        }
    }

    private volatile StoredConfig none;

    GitSystem(SystemReader system) {
        super(system);
    }

    /** Makes sure JGit reads the system through this class; the first call installs it, later ones do nothing. */
    static void install() {
        // the static initialiser did the work
    }

    /**
     * This process's umask as Linux reports it, which JGit would otherwise learn by running {@code sh -c umask}
     * (it needs it when it creates a repository); empty where {@code /proc} does not say.
     */
    static Optional<Integer> umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Umask:")) {
                    String value = line.substring("Umask:".length()).strip();
                    return value.matches("[0-7]{3,4}") ? Optional.of(Integer.parseInt(value, 8)) : Optional.empty();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux, or no /proc: JGit asks the shell as it always did
        }
        return Optional.empty();
    }

    /**
     * Until the scope is closed, this thread's JGit calls see the person's and the system's git configuration.
     * Scopes nest; closing one restores what was before it.
     */
    static Scope personsConfiguration() {
        boolean before = PERSONS.get();
        PERSONS.set(Boolean.TRUE);
        return () -> PERSONS.set(before);
    }

    /** A {@link #personsConfiguration()} scope; closing it throws nothing. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public StoredConfig getUserConfig() throws ConfigInvalidException, IOException {
        return PERSONS.get() ? super.getUserConfig() : none();
    }

    @Override
    public StoredConfig getSystemConfig() throws ConfigInvalidException, IOException {
        return PERSONS.get() ? super.getSystemConfig() : none();
    }

    /** An empty configuration whose only parent is JGit's own file, read once. */
    private StoredConfig none() throws ConfigInvalidException, IOException {
        StoredConfig config = none;
        if (config == null) {
            config = new NoConfiguration(getJGitConfig());
            none = config;
        }
        return config;
    }

    private static final class NoConfiguration extends StoredConfig {
        NoConfiguration(StoredConfig parent) {
            super(parent);
        }

        @Override
        public void load() {
            // nothing to read: there is no file
        }

        @Override
        public void save() throws IOException {
            throw new IOException("Warden gives JGit no person's or system's git configuration to write");
        }
    }
}
