package dev.warden.manager.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads and rewrites bundles the way an attacker would after signing: entry by entry. */
public final class Bundles {

    private Bundles() {
    }

    public static Map<String, byte[]> entries(Path bundle) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(bundle); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Rewrites {@code bundle} after {@code change} edited its entries (insertion order kept). */
    public static void rewrite(Path bundle, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = entries(bundle);
        change.accept(entries);
        write(bundle, entries);
    }

    public static void write(Path bundle, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(bundle); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
