package dev.warden.manager.host;

import dev.warden.io.Digests;
import dev.warden.manager.verify.BytecodeVerifier;
import dev.warden.manager.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The bytecode check at load (DESIGN 6.2): the installed code is checked again, because files on disk
 * can change after install. A verdict is remembered by the SHA-256 of the code's bytes and the rules'
 * digest, so code that has passed once is only hashed, not parsed, the next time; changed code, or
 * changed rules, is checked in full.
 */
final class CodeChecks implements LoadCheck {

    private static final String FORMAT = "warden-code-check/v1\n";

    private final BytecodeVerifier verifier;
    private final Path passedDir;
    private final Set<String> passed = ConcurrentHashMap.newKeySet();

    /**
     * @param verifier  the rules
     * @param passedDir where verdicts of code that passed are remembered across runs, one empty file per
     *                  content hash; a folder Warden owns, e.g. {@code $WARDEN_HOME/cache/.code-checks}
     */
    CodeChecks(BytecodeVerifier verifier, Path passedDir) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.passedDir = Objects.requireNonNull(passedDir, "passedDir");
    }

    /**
     * @param pluginDir an installed plugin version's folder
     * @return the report; a remembered pass is returned as a pass with no classes newly checked
     * @throws IOException if the plugin's files cannot be read
     */
    @Override
    public VerificationReport check(Path pluginDir) throws IOException {
        Optional<String> key = contentKey(pluginDir);
        if (key.isPresent() && (passed.contains(key.get()) || Files.exists(passedDir.resolve(key.get())))) {
            passed.add(key.get());
            return new VerificationReport(0, List.of());
        }
        VerificationReport report = verifier.verify(pluginDir);
        if (report.passed() && key.isPresent()) {
            passed.add(key.get());
            remember(key.get());
        }
        return report;
    }

    private void remember(String key) {
        try {
            Files.createDirectories(passedDir);
            Files.write(passedDir.resolve(key), new byte[0]);
        } catch (IOException e) {
            // Only a cache: the next load checks the code in full again.
        }
    }

    /**
     * The hash of every code file's path and bytes, or empty when the code holds anything but plain
     * files and folders (a link, say): such code is always checked in full, and the verifier reports it.
     */
    private Optional<String> contentKey(Path pluginDir) throws IOException {
        MessageDigest digest = Digests.sha256();
        digest.update((FORMAT + verifier.rulesDigest() + "\n").getBytes(StandardCharsets.UTF_8));
        for (String folder : List.of("classes", "lib")) {
            Path root = pluginDir.resolve(folder);
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isRegularFile()) {
                        files.add(p);
                    } else if (!attrs.isDirectory()) {
                        return Optional.empty();
                    }
                }
            }
            files.sort(null);
            for (Path file : files) {
                String name = pluginDir.relativize(file).toString().replace('\\', '/');
                digest.update((name + "\n" + Files.size(file) + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[16384];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }
}
