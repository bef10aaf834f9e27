package dev.warden.catalog.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code list-index.tsv}: the plugin summaries of the last commit, one tab-separated line each,
 * under a header naming that commit's digest. It is derived data: it is trusted only while the
 * digest matches the one at the top of {@code catalog.json} and no journal is pending; otherwise
 * the reader falls back to the state files. Ids and versions never hold tabs or line breaks.
 */
final class ListIndex {

    static final String FILE = "list-index.tsv";
    private static final String HEADER = "# warden list index 1 commit ";
    private static final String COMMIT_KEY = "\"commit\" : \"";

    private ListIndex() {
    }

    static byte[] write(WardenState state, String digest) {
        StringBuilder out = new StringBuilder(HEADER).append(digest).append('\n');
        for (InstalledPlugin plugin : state.plugins().values()) {
            PluginSummary s = PluginSummary.of(state, plugin);
            out.append(s.id()).append('\t').append(s.version()).append('\t').append(s.status().id()).append('\t')
                    .append(s.verified()).append('\t').append(s.risk()).append('\t')
                    .append(s.pendingVersion().orElse("-")).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the summaries, or empty when the index is missing, malformed or not of the committed state */
    static Optional<List<PluginSummary>> read(Path home) {
        try {
            if (Files.exists(home.resolve(StateStore.JOURNAL))) {
                return Optional.empty();
            }
            List<String> lines = lines(home.resolve(FILE));
            if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
                return Optional.empty();
            }
            String digest = lines.get(0).substring(HEADER.length());
            if (!digest.equals(catalogDigest(home.resolve(StateStore.CATALOG)).orElse(""))) {
                return Optional.empty();
            }
            List<PluginSummary> summaries = new ArrayList<>(lines.size() - 1);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    return Optional.empty();
                }
                Optional<PluginStatus> status = PluginStatus.byId(f[2]);
                if (status.isEmpty()) {
                    return Optional.empty();
                }
                summaries.add(new PluginSummary(f[0], f[1], status.get(), Boolean.parseBoolean(f[3]), Integer.parseInt(f[4]),
                        f[5].equals("-") ? Optional.empty() : Optional.of(f[5])));
            }
            return Optional.of(summaries);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Derived data: anything odd sends the reader to the state files, which report real problems.
            return Optional.empty();
        }
    }

    /**
     * The file's lines, as {@link Files#readAllLines} reads them (malformed UTF-8 fails), split with {@code indexOf}
     * rather than a reader's scan of every character: this runs once per start, before anything is compiled.
     */
    private static List<String> lines(Path file) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        if (text.indexOf('\r') >= 0) {
            return Files.readAllLines(file, StandardCharsets.UTF_8);   // never written so, but read as before
        }
        List<String> lines = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        return lines;
    }

    /** The digest near the top of catalog.json, read without parsing the whole file. */
    private static Optional<String> catalogDigest(Path catalog) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(catalog)) {
            head = in.readNBytes(256);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int at = text.indexOf(COMMIT_KEY);
        if (at < 0 || at + COMMIT_KEY.length() + 64 > text.length()) {
            return Optional.empty();
        }
        return Optional.of(text.substring(at + COMMIT_KEY.length(), at + COMMIT_KEY.length() + 64));
    }
}
