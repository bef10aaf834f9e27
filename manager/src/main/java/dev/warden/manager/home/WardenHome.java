package dev.warden.manager.home;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Warden keeps its state ({@code $WARDEN_HOME}, default {@code ~/.warden}) and where the
 * admin's system folder is ({@code $WARDEN_SYSTEM_DIR}, default {@code /etc/warden}). Nothing
 * outside these folders and the paths a person grants is touched.
 *
 * @param root the user state folder
 * @param systemDir the admin-managed folder whose entries the user cannot override
 * @param userHome the person's home folder ({@code HOME}), which {@code ${home}} in a plugin's scopes stands for
 */
public record WardenHome(Path root, Path systemDir, Path userHome) {

    public static final String HOME_VARIABLE = "WARDEN_HOME";
    public static final String SYSTEM_VARIABLE = "WARDEN_SYSTEM_DIR";
    public static final Path DEFAULT_SYSTEM_DIR = Path.of("/etc/warden");

    public WardenHome {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        systemDir = Objects.requireNonNull(systemDir, "systemDir").toAbsolutePath().normalize();
        userHome = Objects.requireNonNull(userHome, "userHome").toAbsolutePath().normalize();
    }

    /** A home whose person's home folder is this JVM's {@code user.home}. */
    public WardenHome(Path root, Path systemDir) {
        this(root, systemDir, Path.of(System.getProperty("user.home")));
    }

    /** {@code --home} wins over {@code $WARDEN_HOME}, which wins over {@code ~/.warden}. */
    public static WardenHome resolve(Optional<Path> option, Map<String, String> env) {
        Path userHome = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path root = option.orElseGet(() -> {
            String fromEnv = env.get(HOME_VARIABLE);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Path.of(fromEnv);
            }
            return userHome.resolve(".warden");
        });
        String system = env.get(SYSTEM_VARIABLE);
        return new WardenHome(root, system == null || system.isBlank() ? DEFAULT_SYSTEM_DIR : Path.of(system), userHome);
    }

    /**
     * The file whose presence makes a home a development home ({@code $WARDEN_HOME/dev/home}, made by {@code warden
     * dev}): it trusts development keys, and the person's own home two folders up is part of its protected state.
     */
    public static final String DEVELOPMENT_MARKER = "development-home";

    /** @return whether this is a development home: one {@code warden dev} made under a person's home */
    public boolean isDevelopmentHome() {
        return java.nio.file.Files.isRegularFile(root.resolve(DEVELOPMENT_MARKER), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * @return the person's own home a development home lies in ({@code <it>/dev/home}), which its plugins must not
     *         reach either; empty for a home that is not a development home
     */
    public Optional<Path> enclosingHome() {
        if (!isDevelopmentHome() || root.getParent() == null || root.getParent().getParent() == null) {
            return Optional.empty();
        }
        return Optional.of(root.getParent().getParent());
    }

    /**
     * @return what no grant of a plugin may reach: this home and the system folder ({@link ProtectedState}), and for a
     *         development home the person's own home around it
     */
    public ProtectedState protectedState() {
        return ProtectedState.of(this);
    }

    public Path userTrustDir() {
        return root.resolve("trust").resolve("publishers");
    }

    public Path systemTrustDir() {
        return systemDir.resolve("trust").resolve("publishers");
    }
}
