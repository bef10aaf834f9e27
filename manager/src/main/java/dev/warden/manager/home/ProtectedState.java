package dev.warden.manager.home;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.io.RealPaths;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Warden's own state, which no grant of any plugin reaches: the state folder ({@code $WARDEN_HOME}: secrets, the
 * gateway token, grants, the trust and audit folders, other plugins' files) and the admin's system folder (trust and
 * policy). The one answer to "may a plugin touch this?" for the file broker, the programs it runs, the sandbox's
 * mounts and the install-time check of scopes.
 *
 * <p>Each folder is held both as named and as its real path (links resolved, as far as it exists), because a
 * plugin's path, a link inside a granted folder or a scope may lead to either. The plugin's own data folder lies
 * inside {@code $WARDEN_HOME} by design and is carved out ({@link #except}). Folders are resolved when this object is
 * made; it is immutable and thread-safe.
 */
public final class ProtectedState {

    private final List<Path> folders;
    private final List<Path> own;

    private ProtectedState(List<Path> folders, List<Path> own) {
        this.folders = List.copyOf(folders);
        this.own = List.copyOf(own);
    }

    /**
     * @return the state of this home: its root and its system folder, each as named and as its real path; for a
     *         development home also the person's home it lies in ({@link WardenHome#enclosingHome()})
     */
    public static ProtectedState of(WardenHome home) {
        Objects.requireNonNull(home, "home");
        List<Path> state = new ArrayList<>(List.of(home.root(), home.systemDir()));
        home.enclosingHome().ifPresent(state::add);
        return new ProtectedState(forms(state), List.of());
    }

    /**
     * @param ownFolder a folder of the plugin's own that lies inside the state (its data folder)
     * @return this state without that folder and what is below it
     */
    public ProtectedState except(Path ownFolder) {
        Set<Path> more = new LinkedHashSet<>(own);
        more.addAll(forms(List.of(ownFolder)));
        return new ProtectedState(folders, new ArrayList<>(more));
    }

    /** @return the protected folders, each as named and as its real path, without duplicates */
    public List<Path> folders() {
        return folders;
    }

    /**
     * @param path an absolute path, as a plugin would reach it (its real path for a file that exists)
     * @return true if the path is a protected folder or lies below one, and not in a carved-out folder
     */
    public boolean contains(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return below(p, folders) && !below(p, own);
    }

    /**
     * @param path an absolute path that need not exist
     * @return true if the path, as named or with its links resolved as far as it exists, is protected
     */
    public boolean reaches(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return contains(p) || contains(RealPaths.of(p));
    }

    /**
     * @param folder an absolute folder
     * @return the protected folders strictly below {@code folder}: what moving, deleting or mounting it whole would
     *         take along; empty if none
     */
    public List<Path> below(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (Path p : folders) {
            if (RealPaths.isBelow(p, f) && !below(p, own)) {
                found.add(p);
            }
        }
        return found;
    }

    /**
     * The install-time check: does a permission aim into the state? A file scope does when its fixed part (the names
     * before the first wildcard) lies in it; a {@code process.exec} grant when its program, or a word of its argument
     * pattern that names an absolute path, does. A broader scope whose fixed part only contains the state, such as
     * {@code ${home}/**}, does not aim into it: the broker and the sandbox carve the state out of it. {@code ${workspace}}
     * is not known before a run and {@code ${plugin_data}} is the plugin's own, so neither is judged here.
     *
     * @param permission a validated permission
     * @param userHome   the folder {@code ${home}} stands for
     * @return the protected path the permission aims at, or empty
     */
    public Optional<Path> aimedAtBy(Permission permission, Path userHome) {
        String scope = permission.scope();
        List<String> paths = new ArrayList<>();
        if (permission.kind() == PermissionKind.PROCESS_EXEC) {
            for (String word : scope.strip().split(" +")) {
                int eq = word.indexOf('=');
                paths.add(eq >= 0 && eq + 1 < word.length() && word.charAt(eq + 1) == '/' ? word.substring(eq + 1) : word);
            }
        } else if (permission.kind().id().startsWith("fs.")) {
            paths.add(scope);
        }
        for (String text : paths) {
            Optional<Path> fixed = fixedPart(text, userHome);
            if (fixed.isPresent() && reaches(fixed.get())) {
                return fixed;
            }
        }
        return Optional.empty();
    }

    /** The names of a scope before its first wildcard, under its root; empty for roots judged elsewhere or no path. */
    private static Optional<Path> fixedPart(String text, Path userHome) {
        Path base;
        String rest;
        if (text.startsWith("${home}")) {
            base = userHome.toAbsolutePath().normalize();
            rest = text.substring("${home}".length());
        } else if (text.startsWith("/")) {
            base = Path.of("/");
            rest = text;
        } else {
            return Optional.empty();
        }
        Path p = base;
        for (String name : rest.split("/")) {
            if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0) {
                break;
            }
            if (!name.isEmpty()) {
                try {
                    p = p.resolve(name);
                } catch (InvalidPathException e) {
                    break;
                }
            }
        }
        return Optional.of(p.normalize());
    }

    private static boolean below(Path p, List<Path> roots) {
        for (Path root : roots) {
            if (RealPaths.isInside(p, root)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> forms(List<Path> given) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path g : given) {
            Path named = g.toAbsolutePath().normalize();
            out.add(named);
            out.add(RealPaths.of(named));
        }
        return new ArrayList<>(out);
    }

    @Override
    public String toString() {
        return "Warden's own state " + folders + (own.isEmpty() ? "" : " except " + own);
    }
}
