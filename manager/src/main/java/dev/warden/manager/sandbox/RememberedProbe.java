package dev.warden.manager.sandbox;

import dev.warden.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The answer of the last {@code bwrap} probe, kept in a small owner-only file, so that a command does not start a
 * trial sandbox each time. It is trusted only for the same {@code bwrap}: the path found on {@code PATH}, its real
 * path, modification time and size, and the machine's boot id; anything else in the file, or a file others may
 * write, is ignored, and the probe runs again and rewrites it.
 */
final class RememberedProbe {

    private static final String HEADER = "warden bwrap probe 1";
    private static final int MAX_FILE_BYTES = 4096;
    private static final int MAX_REASON_CHARS = 1000;
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private RememberedProbe() {
    }

    /**
     * @param file          where the answer is kept; written only when its folder exists
     * @param pathVariable  the {@code PATH} to look for {@code bwrap} in
     * @return the remembered answer for the {@code bwrap} on {@code pathVariable}, else a fresh probe's (then kept);
     *         never throws: a file that cannot be read or written only costs a probe
     */
    static IsolationSupport answer(Path file, String pathVariable) {
        Optional<Path> bwrap = IsolationSupport.onPath(pathVariable, "bwrap");
        Optional<String> key = bwrap.flatMap(RememberedProbe::key);
        if (key.isEmpty()) {
            return IsolationSupport.detect(pathVariable); // no bwrap needs no probe; an unreadable one is not remembered
        }
        Optional<IsolationSupport> remembered = read(file, key.get(), bwrap.get());
        if (remembered.isPresent()) {
            return remembered.get();
        }
        IsolationSupport probed = IsolationSupport.detect(pathVariable);
        if (Files.isDirectory(file.getParent())) {
            try {
                AtomicFiles.writeOwnerOnly(file, text(key.get(), probed).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a home we cannot write to only means the next command probes again
            }
        }
        return probed;
    }

    /** What identifies this {@code bwrap} on this boot of the machine; empty when it cannot be read or written down. */
    private static Optional<String> key(Path bwrap) {
        try {
            Path real = bwrap.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            String boot = Files.isReadable(BOOT_ID) ? Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip() : "-";
            String key = bwrap + " " + real + " " + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + attributes.size()
                    + " " + boot;
            return hasControlCharacter(key) ? Optional.empty() : Optional.of(key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(String key, IsolationSupport probed) {
        String reason = probed.reason().codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS);
        }
        return HEADER + "\n" + key + "\n" + probed.mode().name() + "\n" + reason + "\n";
    }

    private static Optional<IsolationSupport> read(Path file, String key, Path bwrap) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || attributes.size() > MAX_FILE_BYTES
                    || attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
                return Optional.empty();
            }
            List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
            if (lines.size() != 5 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(key) || !lines.get(4).isEmpty()) {
                return Optional.empty();
            }
            String reason = lines.get(3);
            if (reason.isBlank() || reason.length() > MAX_REASON_CHARS || hasControlCharacter(reason)) {
                return Optional.empty();
            }
            return switch (lines.get(2)) {
                case "PROCESS" -> Optional.of(new IsolationSupport(IsolationDecision.Verdict.PROCESS, Optional.of(bwrap), reason));
                case "IN_PROCESS" -> Optional.of(new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(), reason));
                default -> Optional.empty();
            };
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, unreadable or garbled: probe again
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }
}
