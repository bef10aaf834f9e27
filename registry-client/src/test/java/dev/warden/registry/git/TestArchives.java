package dev.warden.registry.git;

import dev.warden.io.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip and tar.gz archives in memory for tests. */
final class TestArchives {

    private TestArchives() {
    }

    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip whose one entry is marked, in its central record, as a Unix symbolic link. */
    static byte[] zipWithLink(String name, String target) {
        byte[] zip = zip(new LinkedHashMap<>(Map.of(name, target)));
        for (int i = zip.length - 22; i >= 0; i--) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                zip[i + 5] = 3; // made by Unix
                int mode = 0120777;
                zip[i + 40] = (byte) mode;
                zip[i + 41] = (byte) (mode >> 8);
                break;
            }
        }
        return zip;
    }

    /** A tar.gz of regular files (type '0') and, for names given with a type prefix "2:", links. */
    static byte[] tarGz(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                char type = '0';
                String name = entry.getKey();
                if (name.startsWith("2:")) {
                    type = '2';
                    name = name.substring(2);
                }
                byte[] content = type == '0' ? entry.getValue().getBytes(StandardCharsets.UTF_8) : new byte[0];
                byte[] header = new byte[512];
                put(header, 0, name);
                put(header, 100, "0000644");
                put(header, 108, "0000000");
                put(header, 116, "0000000");
                put(header, 124, String.format("%011o", content.length));
                put(header, 136, "00000000000");
                header[156] = (byte) type;
                if (type == '2') {
                    put(header, 157, entry.getValue());
                }
                put(header, 257, "ustar");
                header[262] = 0;
                put(header, 263, "00");
                for (int i = 148; i < 156; i++) {
                    header[i] = ' ';
                }
                long sum = 0;
                for (byte b : header) {
                    sum += b & 0xFF;
                }
                put(header, 148, String.format("%06o", sum));
                header[154] = 0;
                gz.write(header);
                gz.write(content);
                gz.write(new byte[(512 - content.length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    static String sha256(byte[] bytes) {
        return Digests.sha256Hex(bytes);
    }
}
