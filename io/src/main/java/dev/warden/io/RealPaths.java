package dev.warden.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Where a path really leads, with its links resolved, and whether it lies inside a folder. Checks of
 * "inside" compare paths name by name ({@link Path#startsWith(Path)}), never as text, so {@code /a/bc}
 * is not inside {@code /a/b}.
 *
 * @since 0.1
 */
public final class RealPaths {

    private RealPaths() {
    }

    /**
     * @param path a path that need not exist; a relative one is taken from the working folder
     * @return the real path of the part that exists (links resolved), with the missing names after it as named;
     *         the absolute, normalised path itself when nothing of it can be resolved
     */
    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null; p = p.getParent()) {
            try {
                Path real = p.toRealPath();
                for (Path name : missing) {
                    real = real.resolve(name);
                }
                return real.normalize();
            } catch (IOException | SecurityException e) {
                if (p.getFileName() == null) {
                    return absolute;
                }
                missing.push(p.getFileName());
            }
        }
        return absolute;
    }

    /** @return the real path of an existing file or folder (links resolved); empty if it does not exist or cannot be read */
    public static Optional<Path> ofExisting(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * @return whether {@code path} is {@code folder} or lies below it, both taken as named (absolute and normalised,
     *         so {@code ..} cannot climb out unseen); links are not resolved, use {@link #reallyInside} for that
     */
    public static boolean isInside(Path path, Path folder) {
        return path.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
    }

    /** @return whether {@code path} lies strictly below {@code folder}, as {@link #isInside} but not the folder itself */
    public static boolean isBelow(Path path, Path folder) {
        Path p = path.toAbsolutePath().normalize();
        Path f = folder.toAbsolutePath().normalize();
        return p.startsWith(f) && !p.equals(f);
    }

    /** @return whether {@code path} is {@code folder} or lies below it once the links of both are resolved ({@link #of}) */
    public static boolean reallyInside(Path path, Path folder) {
        return of(path).startsWith(of(folder));
    }
}
