package dev.warden.samples.notes;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Files capability over a map, granting what notes asks for: read and write below ${plugin_data}. */
final class MemoryFiles implements Files {

    final Map<String, byte[]> files = new TreeMap<>();
    int writes;

    @Override
    public Optional<byte[]> read(String path) {
        check("fs.read", path);
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    @Override
    public void write(String path, byte[] content) throws CapabilityException {
        check("fs.write", path);
        writes++;
        files.put(path, content.clone());
    }

    @Override
    public List<String> list(String folder) {
        throw new AssertionError("notes never lists folders");
    }

    @Override
    public boolean delete(String path) {
        throw new PermissionDeniedException("fs.delete", path);
    }

    @Override
    public boolean exists(String path) {
        check("fs.read", path);
        return files.containsKey(path);
    }

    private static void check(String kind, String path) {
        if (!path.startsWith("${plugin_data}/")) {
            throw new PermissionDeniedException(kind, path);
        }
    }
}
