package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Files;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.runtime.RootFolder.Location;
import dev.warden.manager.runtime.RootFolder.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link Files} capability: a plugin's file access limited to its effective {@code fs.read},
 * {@code fs.write} and {@code fs.delete} grants, each use audited.
 *
 * <p>A path names a root variable and names below it; {@code .} and {@code ..} are resolved by name
 * and may not leave the root. Links are followed to the real path, which must lie below the real
 * root and match a grant of the kind the call needs. Every folder on the way is then opened relative
 * to the one before without following links, and the file itself with {@code O_NOFOLLOW}: a path that
 * is swapped for a link after the check is refused, and a folder swapped after it was opened does not
 * matter because its open handle is used. Folders stay open between calls and are used again only
 * while their name still leads to them ({@link OpenFolders}). A root whose real path lies in
 * {@code /proc}, {@code /sys} or {@code /dev} reaches nothing.
 *
 * <p>Rules decided here: kinds are separate, as in {@code PermissionCoverage}: {@code fs.write} does
 * not allow reading, listing or {@code exists}, and {@code fs.delete} is needed for deletions. The
 * scope grammar cannot say "without asking", so every deletion asks {@link DeleteConsent}. Writing
 * never writes through a link (one at the path is refused), and deleting a link moves the link, never
 * its target. Deleting a folder needs {@code fs.delete} on everything inside it. Absolute scopes such
 * as {@code /etc/**} reach nothing here, because a path cannot name them. Warden's own state
 * ({@link PluginRoots#wardenState()}) is reached by no grant: a real path in it is refused, a listing leaves it out,
 * and a folder that holds it is never deleted, whatever scope, root or link leads there.
 *
 * <p>Each call makes exactly one audit entry, with the real path as target: allowed (the use went
 * ahead, or found nothing, or failed on an I/O error after the checks) or not allowed (not granted,
 * over a limit, declined, or failed before the checks were done). The exceptions a plugin sees name its
 * own notation, never the host's real paths.
 *
 * <p>Open folder handles are held for the roots and some folders below them; {@link #close()} releases them.
 */
public final class GrantedFiles implements Files, AutoCloseable {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
    private static final DateTimeFormatter TRASH_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_FOLDER_ENTRIES_CHECKED = 100_000;
    private static final ScopePattern.Root[] ROOTS = ScopePattern.Root.values();

    private final Map<ScopePattern.Root, RootFolder> folders = new EnumMap<>(ScopePattern.Root.class);
    private final Map<PermissionKind, List<ScopePattern>> grants = new EnumMap<>(PermissionKind.class);
    private final ProtectedState wardenState;
    private final CapabilityAudit audit;
    private final DeleteConsent consent;
    private final Path trashDir;
    private final Limits limits;
    private volatile Runnable afterCheck = () -> { };

    /**
     * @param roots     the folders the root variables stand for
     * @param effective the plugin's effective grants; kinds other than {@code fs.*} are ignored
     * @param audit     where every use is reported
     * @param consent   asked before each deletion
     * @param trashDir  Warden's trash folder, created when first needed
     * @param limits    read and write size limits
     */
    public GrantedFiles(PluginRoots roots, List<Permission> effective, CapabilityAudit audit, DeleteConsent consent,
                        Path trashDir, Limits limits) {
        Objects.requireNonNull(roots, "roots");
        this.wardenState = roots.wardenState();
        this.audit = Objects.requireNonNull(audit, "audit");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.trashDir = Objects.requireNonNull(trashDir, "trashDir").toAbsolutePath().normalize();
        this.limits = Objects.requireNonNull(limits, "limits");
        folders.put(ScopePattern.Root.WORKSPACE, new RootFolder(roots.workspace()));
        folders.put(ScopePattern.Root.PLUGIN_DATA, new RootFolder(roots.pluginData()));
        folders.put(ScopePattern.Root.HOME, new RootFolder(roots.home()));
        for (PermissionKind kind : List.of(PermissionKind.FS_READ, PermissionKind.FS_WRITE, PermissionKind.FS_DELETE)) {
            grants.put(kind, new ArrayList<>());
        }
        for (Permission p : effective) {
            List<ScopePattern> list = grants.get(p.kind());
            if (list != null) {
                ScopePattern.compile(p.scope()).ifPresent(list::add);
            }
        }
        grants.replaceAll((k, v) -> List.copyOf(v));
    }

    /** Test seam: runs after the checks of a call and before it opens or changes anything. */
    void afterCheck(Runnable hook) {
        this.afterCheck = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public Optional<byte[]> read(String path) throws CapabilityException {
        Call call = new Call(PermissionKind.FS_READ, path);
        Target t = call.parse();
        try (Location loc = call.locate(t, true)) {
            if (loc.status != Status.FOUND) {
                call.allow("no such file");
                return Optional.empty();
            }
            if (!loc.attrs.isRegularFile()) {
                call.allow("failed: not a regular file");
                throw new CapabilityException(t.notation + " is " + (loc.attrs.isDirectory() ? "a folder" : "not a regular file"));
            }
            if (loc.attrs.size() > limits.maxReadBytes()) {
                throw call.overLimit(t, loc.attrs.size(), limits.maxReadBytes(), "read");
            }
            afterCheck.run();
            FileChannel channel;
            try {
                // a secure directory stream (Unix only, see RootFolder) opens files as file channels
                channel = (FileChannel) loc.dir.newByteChannel(loc.last(), READ);
            } catch (IOException e) {
                throw call.changedOr(loc, t, e);
            }
            try (channel) {
                call.allow("read");
                return Optional.of(readAll(channel, (int) loc.attrs.size(), t));
            }
        } catch (IOException e) {
            throw call.failed("could not read " + t.notation, e);
        }
    }

    /**
     * Reads the file into an array of the size the check saw, asking for one byte more in the same call:
     * a file that kept that size is read with one system call and no copy. One that grew since (or whose
     * size says nothing, as in some file systems' 0) is read on to its end, up to the read limit; one
     * that shrank is read to its end.
     */
    private byte[] readAll(FileChannel channel, int checkedSize, Target t) throws IOException, CapabilityException.LimitExceeded {
        byte[] bytes = new byte[checkedSize];
        ByteBuffer probe = ByteBuffer.allocate(1);
        ByteBuffer[] both = {ByteBuffer.wrap(bytes), probe};
        do {
            if (channel.read(both) < 0) {
                int read = both[0].position();
                return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
            }
        } while (both[0].hasRemaining());
        if (probe.position() == 0) {
            // the read that filled the array stopped short of the byte after it: the end, at the checked size
            return bytes;
        }
        return readGrown(channel, bytes, probe.get(0), t);
    }

    /** The rest of a file that grew after the check: read to its end, refused past the read limit. */
    private byte[] readGrown(FileChannel channel, byte[] start, byte next, Target t) throws IOException, CapabilityException.LimitExceeded {
        long limit = limits.maxReadBytes();
        if (start.length >= limit) {
            throw new CapabilityException.LimitExceeded(t.notation + " is larger than the read limit of " + limit + " bytes");
        }
        byte[] bytes = Arrays.copyOf(start, (int) Math.min(limit, Math.max(8192L, start.length * 2L)));
        bytes[start.length] = next;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(start.length + 1);
        while (true) {
            if (!buffer.hasRemaining()) {
                if (buffer.capacity() >= limit) {
                    if (channel.read(ByteBuffer.allocate(1)) > 0) {
                        throw new CapabilityException.LimitExceeded(t.notation + " is larger than the read limit of " + limit + " bytes");
                    }
                    return bytes;
                }
                int position = buffer.position();
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, bytes.length * 2L));
                buffer = ByteBuffer.wrap(bytes);
                buffer.position(position);
            }
            if (channel.read(buffer) < 0) {
                return buffer.position() == bytes.length ? bytes : Arrays.copyOf(bytes, buffer.position());
            }
        }
    }

    @Override
    public void write(String path, byte[] content) throws CapabilityException {
        Objects.requireNonNull(content, "content");
        Call call = new Call(PermissionKind.FS_WRITE, path);
        Target t = call.parse();
        try (Location loc = call.locate(t, false)) {
            if (content.length > limits.maxWriteBytes()) {
                throw call.overLimit(t, content.length, limits.maxWriteBytes(), "write");
            }
            if (loc.names.isEmpty() || loc.status == Status.FOUND && loc.attrs.isDirectory()) {
                call.allow("failed: is a folder");
                throw new CapabilityException("cannot write " + t.notation + ": it is a folder");
            }
            if (loc.status == Status.FOUND && loc.attrs.isSymbolicLink()) {
                throw call.deny("is a link; Warden never writes through links", t);
            }
            if (loc.status == Status.NO_ROOT) {
                call.allow("failed: the root folder does not exist");
                throw new CapabilityException("cannot write " + t.notation + ": " + t.root.variable + " does not exist");
            }
            if (loc.status == Status.NOT_FOLDER) {
                call.allow("failed: a parent is a file");
                throw new CapabilityException("cannot write " + t.notation + ": a parent folder is a file");
            }
            afterCheck.run();
            call.allow("write " + content.length + " bytes");
            writeBelow(loc, content, t);
        } catch (IOException e) {
            throw call.failed("could not write " + t.notation, e);
        }
    }

    /** Creates the missing folders from the deepest open one, then writes a temporary file and renames it. */
    private void writeBelow(Location loc, byte[] content, Target t) throws IOException, CapabilityException {
        int last = loc.names.size() - 1;
        SecureDirectoryStream<Path> dir = loc.dir;
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            for (int i = loc.depth; i < last; i++) {
                Path name = Path.of(loc.names.get(i));
                try {
                    // no mkdirat in the JDK: create by path, then open it only relative to its checked parent
                    java.nio.file.Files.createDirectory(loc.realPath(i + 1));
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile; the open below checks what it is
                }
                try {
                    dir = dir.newDirectoryStream(name, RootFolder.NOFOLLOW);
                } catch (IOException e) {
                    throw new CapabilityException("cannot write " + t.notation + ": a folder on the way changed while it was being created", e);
                }
                opened.add(dir);
            }
            writeAtomically(dir, loc.last(), content);
        } finally {
            for (SecureDirectoryStream<Path> d : opened) {
                d.close();
            }
        }
    }

    private static void writeAtomically(SecureDirectoryStream<Path> dir, Path name, byte[] content) throws IOException {
        Path temp = Path.of("." + name + ".warden-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (SeekableByteChannel out = dir.newByteChannel(temp, CREATE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                if (out instanceof FileChannel) {
                    ((FileChannel) out).force(true);
                }
            }
            dir.move(temp, dir, name);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    dir.deleteFile(temp);
                } catch (IOException e) {
                    // the write already failed; that failure is the one to report
                }
            }
        }
    }

    @Override
    public List<String> list(String folder) throws CapabilityException {
        Call call = new Call(PermissionKind.FS_READ, folder);
        Target t = call.parse();
        try (Location loc = call.locate(t, true)) {
            if (loc.status != Status.FOUND) {
                call.allow("no such folder");
                return List.of();
            }
            if (!loc.attrs.isDirectory()) {
                call.allow("failed: not a folder");
                throw new CapabilityException("cannot list " + t.notation + ": it is not a folder");
            }
            afterCheck.run();
            SecureDirectoryStream<Path> entries;
            try {
                entries = loc.dir.newDirectoryStream(loc.names.isEmpty() ? Path.of(".") : loc.last(), RootFolder.NOFOLLOW);
            } catch (IOException e) {
                throw call.changedOr(loc, t, e);
            }
            call.allow("list");
            List<String> names = new ArrayList<>();
            Path real = loc.realPath(loc.names.size());
            try (entries) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (granted(PermissionKind.FS_READ, t.root, append(loc.names, name))
                            && !wardenState.contains(real.resolve(name))) {
                        names.add(name);
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            names.sort(null);
            List<String> out = new ArrayList<>(names.size());
            for (String name : names) {
                out.add(t.notation + "/" + name);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw call.failed("could not list " + t.notation, e);
        }
    }

    @Override
    public boolean delete(String path) throws CapabilityException {
        Call call = new Call(PermissionKind.FS_DELETE, path);
        Target t = call.parse();
        if (t.names.isEmpty()) {
            throw call.deny("a root folder is never deleted", t);
        }
        try (Location loc = call.locate(t, false)) {
            if (loc.status != Status.FOUND) {
                call.allow("nothing there");
                return false;
            }
            if (!wardenState.below(loc.realPath(loc.names.size())).isEmpty()) {
                // moving the folder, or a link on the way to it, would take Warden's state along, and a plugin could
                // then put a forged one in its place
                throw call.deny("the folder holds Warden's own state, which no grant reaches", t);
            }
            if (loc.attrs.isDirectory()) {
                String outside = uncovered(loc.dir, loc.last(), loc.names, t, new int[] {MAX_FOLDER_ENTRIES_CHECKED});
                if (outside != null) {
                    throw call.deny("the folder holds " + outside + ", which fs.delete does not reach", t);
                }
            }
            if (!consent.confirm(call.target())) {
                call.record(false, "the person declined");
                throw new CapabilityException.Declined("the deletion of " + t.notation + " was declined");
            }
            afterCheck.run();
            Path entry = newTrashEntry();
            call.allow("moved to the trash at " + entry);
            moveToTrash(loc, entry);
            return true;
        } catch (IOException e) {
            throw call.failed("could not move " + t.notation + " to the trash", e);
        }
    }

    /** @return the first entry below the folder that fs.delete does not reach, in the plugin's notation; null if none */
    private String uncovered(SecureDirectoryStream<Path> parent, Path name, List<String> names, Target t, int[] budget)
            throws IOException {
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, RootFolder.NOFOLLOW)) {
            List<String> children = new ArrayList<>();
            for (Path entry : dir) {
                children.add(entry.getFileName().toString());
            }
            for (String child : children) {
                List<String> childNames = append(names, child);
                if (--budget[0] < 0 || !granted(PermissionKind.FS_DELETE, t.root, childNames)) {
                    return budget[0] < 0 ? "more than " + MAX_FOLDER_ENTRIES_CHECKED + " entries"
                            : t.root.variable + "/" + String.join("/", childNames);
                }
                BasicFileAttributes a = RootFolder.lstat(dir, Path.of(child));
                if (a != null && a.isDirectory()) {
                    String found = uncovered(dir, Path.of(child), childNames, t, budget);
                    if (found != null) {
                        return found;
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return null;
    }

    private Path newTrashEntry() throws IOException {
        java.nio.file.Files.createDirectories(trashDir);
        while (true) {
            Path entry = trashDir.resolve(TRASH_STAMP.format(Instant.now()) + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000));
            try {
                return java.nio.file.Files.createDirectory(entry);
            } catch (FileAlreadyExistsException e) {
                // one more random suffix
            }
        }
    }

    /** Renames the entry into the trash relative to its open folder; across file systems a file is copied first. */
    private static void moveToTrash(Location loc, Path entry) throws IOException {
        Path name = loc.last();
        try (DirectoryStream<Path> ds = java.nio.file.Files.newDirectoryStream(entry)) {
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> trash = (SecureDirectoryStream<Path>) ds;
            try {
                loc.dir.move(name, trash, name);
            } catch (FileSystemException e) {
                if (!loc.attrs.isRegularFile()) {
                    throw e;
                }
                try (SeekableByteChannel in = loc.dir.newByteChannel(name, READ);
                     SeekableByteChannel out = trash.newByteChannel(name, CREATE)) {
                    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                    while (in.read(buffer) >= 0) {
                        buffer.flip();
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        buffer.clear();
                    }
                }
                loc.dir.deleteFile(name);
            }
        }
    }

    @Override
    public boolean exists(String path) {
        Call call = new Call(PermissionKind.FS_READ, path);
        try {
            Target t = call.parse();
            try (Location loc = call.locate(t, true)) {
                boolean found = loc.status == Status.FOUND;
                call.allow(found ? "exists" : "does not exist");
                return found;
            }
        } catch (PermissionDeniedException e) {
            return false;
        } catch (IOException e) {
            call.record(false, "failed: " + e);
            return false;
        }
    }

    /** Releases the open folders; later calls throw {@link IllegalStateException}. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RootFolder folder : folders.values()) {
            try {
                folder.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private boolean granted(PermissionKind kind, ScopePattern.Root root, List<String> names) {
        for (ScopePattern scope : grants.get(kind)) {
            if (scope.root() == root && scope.matches(names)) {
                return true;
            }
        }
        return false;
    }

    /** @return the root variable a plugin's path starts with, or null */
    private static ScopePattern.Root rootOf(String path) {
        for (ScopePattern.Root r : ROOTS) {
            int n = r.variable.length();
            if (path.startsWith(r.variable) && (path.length() == n || path.charAt(n) == '/')) {
                return r;
            }
        }
        return null;
    }

    private static List<String> append(List<String> names, String name) {
        List<String> out = new ArrayList<>(names.size() + 1);
        out.addAll(names);
        out.add(name);
        return out;
    }

    /** A plugin's path, normalised: its root and the names below it (a list nobody changes). */
    private record Target(ScopePattern.Root root, List<String> names, String notation) {
    }

    /** One call: what it needs, its audit target, and the guarantee of exactly one audit entry. */
    private final class Call {
        private final PermissionKind kind;
        private final String input;
        /** The real path once the walk found it; until then the audit shows the plugin's input. */
        private String realTarget;
        private boolean recorded;

        Call(PermissionKind kind, String input) {
            this.kind = kind;
            this.input = Objects.requireNonNull(input, "path");
        }

        String target() {
            return realTarget != null ? realTarget : PluginInput.shown(input);
        }

        Target parse() {
            if (input.indexOf('\0') >= 0 || input.indexOf('\\') >= 0) {
                throw deny("contains a NUL byte or a backslash", null);
            }
            ScopePattern.Root root = rootOf(input);
            if (root == null) {
                throw deny("does not start with ${workspace}, ${plugin_data} or ${home}", null);
            }
            List<String> names = new ArrayList<>();
            boolean normal = true;
            int start = root.variable.length();
            while (start < input.length()) {
                int slash = input.indexOf('/', start + 1);
                int end = slash < 0 ? input.length() : slash;
                String name = input.substring(start + 1, end);
                start = end;
                if (name.isEmpty() || name.equals(".")) {
                    normal = false;
                    continue;
                }
                if (name.equals("..")) {
                    if (names.isEmpty()) {
                        throw deny("'..' leaves " + root.variable, null);
                    }
                    names.remove(names.size() - 1);
                    normal = false;
                } else {
                    names.add(name);
                }
            }
            // a path with no empty name, '.' or '..' is already its own notation
            String notation = normal ? input
                    : names.isEmpty() ? root.variable : root.variable + "/" + String.join("/", names);
            return new Target(root, names, notation);
        }

        /** Walks to the real path and checks it against the grants of this call's kind. */
        Location locate(Target t, boolean followLast) throws IOException {
            Location loc = folders.get(t.root).locate(t.names, followLast);
            try {
                realTarget = loc.target();
                switch (loc.status) {
                    case KERNEL_ROOT -> throw deny(t.root.variable + " lies in /proc, /sys or /dev", t);
                    case OUTSIDE -> throw deny(RootFolder.isKernelPath(loc.outside)
                            ? "a link leads into /proc, /sys or /dev" : "a link leads outside " + t.root.variable, t);
                    case CHANGED -> throw deny("a link on the path leads nowhere or changed while being checked", t);
                    default -> {
                        if (wardenState.contains(loc.realPath(loc.names.size()))) {
                            throw deny("Warden's own state, which no grant reaches", t);
                        }
                        if (!granted(kind, t.root, loc.names)) {
                            throw deny("not granted", t);
                        }
                    }
                }
                return loc;
            } catch (RuntimeException e) {
                loc.close();
                throw e;
            }
        }

        void record(boolean allowed, String detail) {
            if (!recorded) {
                recorded = true;
                audit.record(kind, target(), allowed, detail);
            }
        }

        void allow(String detail) {
            record(true, detail);
        }

        PermissionDeniedException deny(String detail, Target t) {
            record(false, detail);
            return new PermissionDeniedException(kind.id(), t == null ? PluginInput.shown(input) : t.notation);
        }

        CapabilityException.LimitExceeded overLimit(Target t, long size, long limit, String what) {
            record(false, "over the " + what + " limit: " + size + " > " + limit + " bytes");
            return new CapabilityException.LimitExceeded(t.notation + " is " + size + " bytes, more than the " + what
                    + " limit of " + limit + " bytes");
        }

        /** After a failed open: a link there now means the path was swapped after the check. */
        RuntimeException changedOr(Location loc, Target t, IOException e) throws IOException {
            BasicFileAttributes now = RootFolder.lstat(loc.dir, loc.names.isEmpty() ? Path.of(".") : loc.last());
            if (now != null && now.isSymbolicLink()) {
                return deny("replaced by a link after the check", t);
            }
            throw e;
        }

        CapabilityException failed(String what, IOException e) {
            record(false, "failed: " + e);
            return new CapabilityException(what + ": " + e.getMessage(), e);
        }
    }
}
