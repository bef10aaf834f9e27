package dev.warden.samples.tidy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Files;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A workspace in memory, behaving like Warden's Files capability under tidy's grants: folders exist
 * while they hold files, hidden names are not listed (wildcards never match a leading '.'), and the
 * person can decline deletions. Write and delete can be left ungranted, as the optional permissions
 * they are.
 */
final class WorkspaceFiles implements Files {

    final Map<String, byte[]> files = new TreeMap<>();
    final Set<String> declined = new HashSet<>();
    final List<String> deleted = new ArrayList<>();
    boolean writeGranted = true;
    boolean deleteGranted = true;

    WorkspaceFiles with(String... paths) {
        for (String path : paths) {
            files.put("${workspace}/" + path, path.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    boolean has(String path) {
        return files.containsKey("${workspace}/" + path);
    }

    private boolean isFolder(String path) {
        return path.equals("${workspace}") || files.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
    }

    @Override
    public Optional<byte[]> read(String path) throws CapabilityException {
        check("fs.read", path, true);
        if (isFolder(path)) {
            throw new CapabilityException(path + " is a folder");
        }
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public void write(String path, byte[] content) throws CapabilityException {
        check("fs.write", path, writeGranted);
        if (isFolder(path)) {
            throw new CapabilityException("cannot write " + path + ": it is a folder");
        }
        files.put(path, content.clone());
    }

    @Override
    public List<String> list(String folder) throws CapabilityException {
        check("fs.read", folder, true);
        if (files.containsKey(folder)) {
            throw new CapabilityException("cannot list " + folder + ": it is not a folder");
        }
        TreeSet<String> names = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.startsWith(folder + "/")) {
                String name = path.substring(folder.length() + 1).split("/")[0];
                if (!name.startsWith(".")) {
                    names.add(folder + "/" + name);
                }
            }
        }
        return List.copyOf(names);
    }

    @Override
    public boolean delete(String path) throws CapabilityException {
        check("fs.delete", path, deleteGranted);
        if (declined.contains(path)) {
            throw new CapabilityException.Declined("the deletion of " + path + " was declined");
        }
        deleted.add(path);
        return files.remove(path) != null;
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(path) || isFolder(path);
    }

    private static void check(String kind, String path, boolean granted) {
        if (!granted || !path.startsWith("${workspace}")) {
            throw new PermissionDeniedException(kind, path);
        }
    }
}
