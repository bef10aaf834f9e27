package dev.warden.manager.sandbox;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.io.RealPaths;
import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.runtime.PluginRoots;
import dev.warden.manager.runtime.ScopePattern;
import dev.warden.manager.runtime.ScrubbedEnvironment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code bwrap} command line that runs one program of a plugin with the plugin's grants as the
 * only openings in the wall (DESIGN 6.5). Builds arguments only; starting and watching the process
 * is the caller's job.
 *
 * <p>What the program sees:
 * <ul>
 *   <li>the system read-only: {@code /usr}, {@code /etc} and the {@code /bin}, {@code /sbin},
 *       {@code /lib*} folders (as the links they are on merged-/usr systems), and the running JDK;
 *       in {@code /etc} the host's secrets ({@link #ETC_SECRETS}: password hashes, sudo rules, SSH
 *       host keys, TLS private keys, ...) are masked by empty ones. Not {@code /root}, {@code /home},
 *       {@code /var}, {@code /run}, {@code /sys}, nor {@code $WARDEN_HOME}: the new root is empty
 *       but for what is listed here;</li>
 *   <li>a new {@code /proc} of its own PID namespace, a minimal {@code /dev}, an empty private
 *       {@code /tmp};</li>
 *   <li>its install folder read-only;</li>
 *   <li>for each {@code fs.read} grant the granted folder read-only, for each {@code fs.write} grant
 *       writable (write wins where both name one folder, and a read grant inside a write grant
 *       stays writable). A scope is mounted only when its sole wildcard is its trailing {@code **}
 *       ({@code ${workspace}/reports/**} mounts {@code ${workspace}/reports}); a scope with a wildcard
 *       before that, an absolute scope, a folder that does not exist, or one reached through a link
 *       is not mounted, and {@link #skipped()} says why. Mounting more than the grant would open the
 *       wall wider than the person agreed; the broker still serves such scopes through its checks.
 *       Because a scope's wildcards never reach hidden names or secret locations, those entries at
 *       the top of each mounted folder ({@code .ssh}, {@code .env}, {@code .git}, ...) are masked,
 *       unless a grant names them. Warden's own state ({@link PluginRoots#wardenState()}) is never mounted: a
 *       grant inside it is skipped, and where a granted parent holds it, it is masked by an empty folder (with the
 *       folders on the way pinned under a writable parent, see {@link #maskWardenState}).</li>
 * </ul>
 * Every namespace is new ({@code --unshare-all}: no network at all, not even the host's loopback;
 * its own PIDs, IPC, hostname), the program has a new session (no typing into the person's
 * terminal), dies with its parent, holds no capabilities, and gets the {@link ScrubbedEnvironment}
 * and nothing else. It runs in the workspace when some grant mounts it or a folder below it, else
 * in {@code /}.
 *
 * <p>A program that runs for a while on a plugin's behalf (an external MCP server) gets more, each by a method
 * that returns a copy: the plugin's egress socket at {@link #EGRESS_SOCKET} ({@link #withEgress}), its own writable
 * folder where it starts ({@link #withOwnFolder}), its program file when no system folder shows it
 * ({@link #withProgram}), and its own environment in place of the scrubbed one, handed over through {@code bwrap}'s
 * environment rather than its world-readable command line ({@link #withEnvironment}). {@link #mounted()} lists what
 * the program can reach, for the audit log.
 *
 * <p>Folders are looked at when this object is made: a folder created later is not mounted, and
 * entries created later at the top of a mounted folder are not masked. Immutable and thread-safe.
 */
final class BubblewrapSandbox {

    /** Folders of the host's system, read-only inside; those missing here are left out. */
    static final List<String> SYSTEM_FOLDERS =
            List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc");

    /** Entries of {@code /etc} that hold the host's secrets, masked by an empty file or folder. */
    static final List<String> ETC_SECRETS = List.of("shadow", "shadow-", "gshadow", "gshadow-", "sudoers",
            "sudoers.d", "ssh", "ssl/private", "security/opasswd", "krb5.keytab", "wireguard",
            "NetworkManager/system-connections", "ppp/chap-secrets", "ppp/pap-secrets");

    private enum Kind {
        RO_BIND("--ro-bind"), BIND("--bind"), PIN("--bind"), SYMLINK("--symlink"), TMPFS("--tmpfs"), PROC("--proc"), DEV("--dev"),
        DIR("--dir");

        final String option;

        Kind(String option) {
            this.option = option;
        }
    }

    /** One mount of the new root, in bwrap's words; {@code source} is empty for tmpfs, proc and dev. */
    private record Mount(Kind kind, String source, Path target) {
        void appendTo(List<String> args) {
            args.add(kind.option);
            if (!source.isEmpty()) {
                args.add(source);
            }
            args.add(target.toString());
        }
    }

    /** Where the plugin's egress socket ({@link #withEgress}) is inside the sandbox. */
    static final Path EGRESS_SOCKET = Path.of("/run/warden/egress.sock");

    private final Path bwrap;
    private final ProtectedState wardenState;
    private final List<Mount> mounts = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, String> environment;
    private final Path workingFolder;
    /** True when {@link #environment} reaches the program through {@code bwrap}'s own environment, not its arguments. */
    private final boolean environmentInherited;

    /**
     * @param bwrap         the {@code bwrap} to run, as {@link #find()} gives it
     * @param effective     the plugin's effective permissions; only {@code fs.read} and {@code fs.write} open folders
     * @param roots         the folders {@code ${workspace}}, {@code ${plugin_data}} and {@code ${home}} stand for
     * @param installFolder the plugin's installed files, mounted read-only
     * @throws IllegalArgumentException if the install folder is not an existing folder
     */
    BubblewrapSandbox(Path bwrap, List<Permission> effective, PluginRoots roots, Path installFolder) {
        this(bwrap, effective, roots, installFolder, List.of());
    }

    /**
     * As {@link #BubblewrapSandbox(Path, List, PluginRoots, Path)}, with Warden's own files a program of
     * Warden's needs inside (the jars of the plugin host process), each mounted read-only at its own path.
     *
     * @param wardenFiles absolute files or folders; a missing one is left out
     */
    BubblewrapSandbox(Path bwrap, List<Permission> effective, PluginRoots roots, Path installFolder, List<Path> wardenFiles) {
        this(bwrap, effective, roots, Optional.of(Objects.requireNonNull(installFolder, "installFolder")), wardenFiles);
    }

    /**
     * The sandbox of a program a plugin runs ({@code process.exec}): as the others, without the plugin's install
     * folder, which the broker does not know and the program has no grant to.
     */
    static BubblewrapSandbox forProgramOf(Path bwrap, List<Permission> effective, PluginRoots roots) {
        return new BubblewrapSandbox(bwrap, effective, roots, Optional.empty(), List.of());
    }

    private BubblewrapSandbox(Path bwrap, List<Permission> effective, PluginRoots roots, Optional<Path> installFolder,
                              List<Path> wardenFiles) {
        this.bwrap = Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(effective, "effective");
        this.wardenState = Objects.requireNonNull(roots, "roots").wardenState();
        Optional<Path> install = installFolder.map(folder -> realFolder(folder)
                .orElseThrow(() -> new IllegalArgumentException("install folder " + folder + " is not a folder")));
        this.environment = ScrubbedEnvironment.of(roots);

        addSystem();
        for (Path file : wardenFiles) {
            RealPaths.ofExisting(file).filter(f -> mounts.stream().noneMatch(m -> m.kind == Kind.RO_BIND && f.startsWith(m.target)))
                    .ifPresent(f -> mounts.add(new Mount(Kind.RO_BIND, f.toString(), f)));
        }
        List<Mount> plugin = new ArrayList<>();
        install.ifPresent(folder -> plugin.add(new Mount(Kind.RO_BIND, folder.toString(), folder)));
        Map<Path, Boolean> grants = grantedFolders(effective, roots);
        keepStateLinksInPlace(grants);
        grants.forEach((folder, writable) -> {
            if (!writable && grants.entrySet().stream().anyMatch(g -> g.getValue() && folder.startsWith(g.getKey()))) {
                return; // inside a writable grant, which covers it
            }
            plugin.add(new Mount(writable ? Kind.BIND : Kind.RO_BIND, folder.toString(), folder));
        });
        for (Path folder : grants.keySet()) {
            addMasks(folder, grants, plugin);
        }
        maskWardenState(plugin);
        // a mount hides what an earlier one put at or below its target, so outer folders go first
        plugin.sort(Comparator.comparingInt(m -> m.target.getNameCount()));
        mounts.addAll(plugin);

        Optional<Path> workspace = realFolder(roots.workspace());
        this.workingFolder = workspace.filter(w -> grants.keySet().stream().anyMatch(g -> g.startsWith(w)))
                .orElse(Path.of("/"));
        this.environmentInherited = false;
    }

    /** A copy of {@code base} with more mounts, another environment or working folder. */
    private BubblewrapSandbox(BubblewrapSandbox base, List<Mount> more, Map<String, String> environment,
                              boolean environmentInherited, Path workingFolder) {
        this.bwrap = base.bwrap;
        this.wardenState = base.wardenState;
        this.mounts.addAll(base.mounts);
        this.mounts.addAll(more);
        this.skipped.addAll(base.skipped);
        this.environment = environment;
        this.environmentInherited = environmentInherited;
        this.workingFolder = workingFolder;
    }

    /** @return a {@code bwrap} that works on this machine, or empty (see {@link IsolationSupport#here()} for why) */
    static Optional<Path> find() {
        return IsolationSupport.here().bwrap();
    }

    /**
     * @param programAndArgs the program (absolute, or found on the sandbox's {@code PATH}) and its arguments
     * @return the whole command line: {@code bwrap}, its options, {@code --}, then the program and arguments
     * @throws IllegalArgumentException if there is no program, or a NUL byte in any word
     */
    List<String> command(List<String> programAndArgs) {
        if (programAndArgs.isEmpty() || programAndArgs.get(0).isEmpty()) {
            throw new IllegalArgumentException("a sandboxed command needs a program");
        }
        if (programAndArgs.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("a NUL byte in the sandboxed command");
        }
        List<String> args = new ArrayList<>();
        args.add(bwrap.toString());
        args.addAll(List.of("--unshare-all", "--new-session", "--die-with-parent", "--cap-drop", "ALL"));
        if (!environmentInherited) {
            args.add("--clearenv");
            environment.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        }
        mounts.forEach(m -> m.appendTo(args));
        args.addAll(List.of("--chdir", workingFolder.toString(), "--"));
        args.addAll(programAndArgs);
        return List.copyOf(args);
    }

    /**
     * @return a builder for {@link #command}, with an empty environment for {@code bwrap} itself, so
     *         nothing of the host's ({@code LD_PRELOAD}, tokens) reaches even the sandbox's launcher; after
     *         {@link #withEnvironment}, exactly that environment, which {@code bwrap} passes on
     */
    ProcessBuilder processBuilder(List<String> programAndArgs) {
        ProcessBuilder builder = new ProcessBuilder(command(programAndArgs));
        builder.environment().clear();
        if (environmentInherited) {
            builder.environment().putAll(environment);
        }
        return builder;
    }

    /**
     * The plugin's egress socket ({@link dev.warden.manager.runtime.EgressProxy}, opened by {@link EgressOpening}),
     * bound at {@link #EGRESS_SOCKET}: the one network opening. The bind is read-only: connecting to a socket
     * needs no write to its mount, and the program cannot remove or replace it.
     *
     * @param socket the proxy's socket on the host
     * @return a copy of this sandbox with the socket bound
     * @throws IllegalArgumentException if {@code socket} is not an absolute path
     */
    BubblewrapSandbox withEgress(Path socket) {
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("the egress socket must be an absolute path: " + socket);
        }
        return new BubblewrapSandbox(this, List.of(new Mount(Kind.RO_BIND, socket.toString(), EGRESS_SOCKET)),
                environment, environmentInherited, workingFolder);
    }

    /**
     * The program's own writable folder, where it starts: for an external MCP server, its plugin's data folder,
     * which is its {@code HOME} ({@code ${plugin_data}}, risk 0, kept across updates). Mounted at its real path.
     *
     * @return a copy of this sandbox with the folder mounted writable and as the working folder
     * @throws IllegalArgumentException if {@code folder} is not an existing folder, or is reached through a link
     */
    BubblewrapSandbox withOwnFolder(Path folder) {
        Path real = realFolder(folder).filter(f -> f.equals(folder.toAbsolutePath().normalize()))
                .orElseThrow(() -> new IllegalArgumentException("the program's own folder " + folder
                        + " is not a folder, or is reached through a link"));
        if (real.getNameCount() == 0) {
            throw new IllegalArgumentException("the whole file system is never mounted writable");
        }
        return new BubblewrapSandbox(this, List.of(new Mount(Kind.BIND, real.toString(), real)), environment,
                environmentInherited, real);
    }

    /**
     * The program to run, read-only at its own path, unless a read-only mount already shows it: a
     * {@code process.exec} grant names one file, so that file alone is mounted, not its folder. A program that
     * needs more of its folder (libraries, scripts beside it) finds only what the system folders and the
     * plugin's grants mount.
     *
     * @return a copy of this sandbox in which {@code program} can be run
     * @throws IllegalArgumentException if {@code program} is not an existing regular file
     */
    BubblewrapSandbox withProgram(Path program) {
        Path real = RealPaths.ofExisting(program).filter(Files::isRegularFile)
                .orElseThrow(() -> new IllegalArgumentException("the program " + program + " is not a file"));
        List<Mount> more = new ArrayList<>();
        if (!shows(real) && (wardenState.contains(real) || wardenState.reaches(program))) {
            throw new IllegalArgumentException("the program " + program + " lies in Warden's own state, which no grant reaches");
        }
        // the links on the way are the host's; inside, the file is where the program path is, and at its real path
        Path asNamed = program.toAbsolutePath().normalize();
        if (!shows(real)) {
            more.add(new Mount(Kind.RO_BIND, real.toString(), real));
        }
        // a link outside the mounts (a granted /opt/tool/run to a system program) would not be there inside
        boolean namedThere = asNamed.equals(real) || shows(real) && (shows(asNamed) || throughSystemLink(asNamed));
        if (!namedThere) {
            more.add(new Mount(Kind.RO_BIND, real.toString(), asNamed));
        }
        return new BubblewrapSandbox(this, more, environment, environmentInherited, workingFolder);
    }

    /**
     * The folder the program starts in: where a grant mounts it, that folder; else an empty folder made at its path,
     * so the program starts where it would outside yet sees there only what grants mount.
     *
     * @param folder an absolute folder
     * @return a copy of this sandbox that starts the program in {@code folder}
     */
    BubblewrapSandbox withWorkingFolder(Path folder) {
        Path at = realFolder(folder).orElse(folder.toAbsolutePath().normalize());
        List<Mount> more = shows(at) ? List.of() : List.of(new Mount(Kind.DIR, "", at));
        return new BubblewrapSandbox(this, more, environment, environmentInherited, at);
    }

    /**
     * The program's whole environment, in place of the {@link ScrubbedEnvironment} (the caller scrubbed it). It is
     * handed to {@code bwrap} as its own environment and passed on, never written on {@code bwrap}'s command line,
     * which every user of the machine can read: it may hold the person's configured secrets.
     *
     * @return a copy of this sandbox with that environment
     */
    BubblewrapSandbox withEnvironment(Map<String, String> environment) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        copy.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not an environment variable: " + name);
            }
        });
        return new BubblewrapSandbox(this, List.of(), Map.copyOf(copy), true, workingFolder);
    }

    /**
     * @return one line per mount, in order, as {@code ro /usr}, {@code rw /data}, {@code masked /home/me/.ssh},
     *         {@code socket /run/warden/egress.sock}, {@code tmpfs /tmp}, {@code link /bin -> usr/bin}: what the
     *         program can reach, for the audit log
     */
    List<String> mounted() {
        List<String> lines = new ArrayList<>();
        for (Mount m : mounts) {
            lines.add(switch (m.kind) {
                case RO_BIND -> m.source.equals("/dev/null") ? "masked " + m.target
                        : m.target.equals(EGRESS_SOCKET) ? "socket " + m.target
                        : "ro " + m.target + (m.source.equals(m.target.toString()) ? "" : " (from " + m.source + ")");
                case BIND -> "rw " + m.target;
                case PIN -> "pinned " + m.target;
                case SYMLINK -> "link " + m.target + " -> " + m.source;
                case TMPFS -> (m.target.equals(Path.of("/tmp")) ? "tmpfs " : "masked ") + m.target;
                case PROC -> "proc " + m.target;
                case DEV -> "dev " + m.target;
                case DIR -> "empty " + m.target;
            });
        }
        return lines;
    }

    /** @return true if a read-only mount (not a mask) shows {@code path} */
    private boolean shows(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        boolean shown = false;
        for (Mount m : mounts) {
            if (absolute.startsWith(m.target)) {
                // a later mount at or above the path decides what is seen there
                shown = (m.kind == Kind.RO_BIND || m.kind == Kind.BIND || m.kind == Kind.PIN) && !m.source.equals("/dev/null");
            }
        }
        return shown;
    }

    /** @return true if {@code path} lies below one of the system's links ({@code /bin -> usr/bin}), made inside as on the host */
    private boolean throughSystemLink(Path path) {
        return mounts.stream().anyMatch(m -> m.kind == Kind.SYMLINK && path.startsWith(m.target) && !path.equals(m.target));
    }

    /**
     * Masks each of Warden's own folders that a mount so far shows, whole: a granted parent (a workspace that is the
     * person's home) is mounted, the state inside it is not. Under a writable mount the folders between it and the
     * state are bound onto themselves: a mount point cannot be renamed or removed, so the program cannot move the
     * state away and leave a forged one where Warden looks. Warden's own mounts inside the state (the install folder,
     * the plugin's data folder) are deeper and come after the mask, so they stay visible.
     */
    private void maskWardenState(List<Mount> plugin) {
        List<Mount> all = new ArrayList<>(mounts);
        all.addAll(plugin);
        all.sort(Comparator.comparingInt(m -> m.target.getNameCount()));
        for (Path folder : wardenState.folders()) {
            if (Files.isSymbolicLink(folder) || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                // its real path, also in the list, is what a link inside the sandbox leads to
                continue;
            }
            Mount covering = null;
            for (Mount m : all) {
                if (folder.startsWith(m.target)) {
                    covering = m;
                }
            }
            if (covering == null || covering.kind != Kind.RO_BIND && covering.kind != Kind.BIND
                    || covering.source.equals("/dev/null")) {
                continue;
            }
            if (covering.kind == Kind.BIND) {
                for (Path p = folder.getParent(); p != null && !p.equals(covering.target) && p.startsWith(covering.target);
                     p = p.getParent()) {
                    plugin.add(new Mount(Kind.PIN, p.toString(), p));
                }
            }
            mask(folder).ifPresent(plugin::add);
            // Warden's own files the program needs (a JDK or jars kept in its home) come back above the mask
            for (Mount m : mounts) {
                if (m.kind == Kind.RO_BIND && m.target.startsWith(folder) && !m.target.equals(folder)) {
                    plugin.add(m);
                }
            }
        }
    }

    /** @return one line per granted scope that is not mounted, with why; empty when all are */
    List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** @return the folder the program starts in */
    Path workingFolder() {
        return workingFolder;
    }

    private void addSystem() {
        List<Path> bound = new ArrayList<>();
        for (String name : SYSTEM_FOLDERS) {
            Path folder = Path.of(name);
            try {
                if (Files.isSymbolicLink(folder)) {
                    mounts.add(new Mount(Kind.SYMLINK, Files.readSymbolicLink(folder).toString(), folder));
                } else if (Files.isDirectory(folder)) {
                    mounts.add(new Mount(Kind.RO_BIND, name, folder));
                    bound.add(folder);
                }
            } catch (IOException e) {
                // unreadable link: the folder stays out
            }
        }
        for (String secret : ETC_SECRETS) {
            mask(Path.of("/etc").resolve(secret)).ifPresent(mounts::add);
        }
        realFolder(Path.of(System.getProperty("java.home"))).filter(jdk -> bound.stream().noneMatch(jdk::startsWith))
                .ifPresent(jdk -> mounts.add(new Mount(Kind.RO_BIND, jdk.toString(), jdk)));
        mounts.add(new Mount(Kind.PROC, "", Path.of("/proc")));
        mounts.add(new Mount(Kind.DEV, "", Path.of("/dev")));
        mounts.add(new Mount(Kind.TMPFS, "", Path.of("/tmp")));
    }

    /** The real folders (or files) of the mountable grants, in grant order; true where writable. */
    private Map<Path, Boolean> grantedFolders(List<Permission> effective, PluginRoots roots) {
        Map<Path, Boolean> folders = new LinkedHashMap<>();
        for (Permission permission : effective) {
            boolean write = permission.kind() == PermissionKind.FS_WRITE;
            if (!write && permission.kind() != PermissionKind.FS_READ) {
                continue;
            }
            String scope = permission.scope();
            Optional<ScopePattern> pattern = ScopePattern.compile(scope);
            if (pattern.isEmpty()) {
                skip(permission, "an absolute scope is never mounted");
                continue;
            }
            Optional<List<String>> names = pattern.get().wholeFolder();
            if (names.isEmpty()) {
                skip(permission, "a wildcard before the end; mounting its folder would open more than the grant");
                continue;
            }
            Optional<Path> root = realFolder(pattern.get().root().folder(roots));
            if (root.isEmpty()) {
                skip(permission, "its root folder does not exist");
                continue;
            }
            Path folder = root.get();
            for (String name : names.get()) {
                folder = folder.resolve(name);
            }
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                skip(permission, "it does not exist");
                continue;
            }
            Optional<Path> real = RealPaths.ofExisting(folder);
            if (real.isEmpty() || !real.get().equals(folder)) {
                skip(permission, "it leads through a link" + real.map(r -> " to " + r).orElse(""));
                continue;
            }
            if (folder.getNameCount() == 0) {
                skip(permission, "the whole file system is never mounted");
                continue;
            }
            if (roots.wardenState().contains(folder)) {
                skip(permission, "it lies in Warden's own state, which no grant reaches");
                continue;
            }
            folders.merge(folder, write, Boolean::logicalOr);
        }
        return folders;
    }

    /**
     * A link on the way to Warden's state (a {@code ~/.warden} that leads elsewhere) cannot be masked: a mount over it
     * lands on its target. Inside a writable mount the program could replace it by a folder of its own making, which
     * Warden would then take for its state; so a grant that holds such a link is mounted read-only (the broker still
     * serves its writes, through its checks).
     */
    private void keepStateLinksInPlace(Map<Path, Boolean> grants) {
        grants.replaceAll((folder, writable) -> {
            if (!writable) {
                return false;
            }
            for (Path state : wardenState.folders()) {
                for (Path p = state; p != null && p.startsWith(folder) && !p.equals(folder); p = p.getParent()) {
                    if (Files.isSymbolicLink(p)) {
                        skipped.add("fs.write " + folder + ": mounted read-only, it holds " + p
                                + ", a link on the way to Warden's own state that the program could otherwise replace");
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** Masks the hidden and secret-looking entries at the top of a granted folder that no grant names. */
    private static void addMasks(Path folder, Map<Path, Boolean> grants, List<Mount> plugin) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if ((name.startsWith(".") || PermissionKind.mayNameSecretLocation(name)) && !grants.containsKey(entry)) {
                    mask(entry).ifPresent(plugin::add);
                }
            }
        } catch (IOException e) {
            // an unreadable folder: the program cannot list it either
        }
    }

    /** An empty folder over a folder, an empty file over anything else; nothing for a link or a missing entry. */
    private static Optional<Mount> mask(Path entry) {
        if (Files.isSymbolicLink(entry) || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            // a link is followed inside the sandbox, where its target is there only if it is granted
            return Optional.empty();
        }
        return Optional.of(Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                ? new Mount(Kind.TMPFS, "", entry)
                : new Mount(Kind.RO_BIND, "/dev/null", entry));
    }

    private void skip(Permission permission, String why) {
        skipped.add(permission.kind().id() + " " + permission.scope() + ": not mounted, " + why);
    }

    private static Optional<Path> realFolder(Path path) {
        return RealPaths.ofExisting(path).filter(Files::isDirectory);
    }
}
