package dev.warden.catalog.state;

import dev.warden.io.JsonTreeWriter;
import dev.warden.io.UnsafeCharacters;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.CrashPoint;

import dev.warden.io.AtomicFiles;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warden's local state in {@code $WARDEN_HOME}: reads it without locking, and changes it under a single
 * file lock through a commit journal, so that a crash at any instant leaves the old state or the new one.
 *
 * <p>Layout: {@code catalog.json} and {@code grants.json} (written together by {@link #commit}),
 * {@code plugins/<publisher>/<name>/<version>/}, {@code data/<publisher>/<name>/}, {@code trash/},
 * {@code audit/}, {@code staging/}, the lock file {@code .lock} and, only while a commit is under way or
 * was interrupted, {@code commit-journal.json}.
 *
 * @since 0.1
 */
public final class StateStore {

    static final String CATALOG = "catalog.json";
    static final String GRANTS = "grants.json";
    static final String JOURNAL = "commit-journal.json";
    static final String LOCK = ".lock";
    /** Below this size of grants.json (a few dozen plugins) a second thread costs more than it saves. */
    static final int PARALLEL_PARSE_BYTES = 16 * 1024;

    /** The locked byte lies past any content, so the holder's details stay readable on every OS. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
    private static final Duration POLL = Duration.ofMillis(25);
    /** A staging folder's name: what it holds, its process, 16 random hex digits (or, as earlier versions named it, a UUID). */
    private static final Pattern STAGING_OWNER = Pattern.compile("[a-z]+-p([0-9]{1,18})-(?:[0-9a-f]{16}|[0-9a-f-]{36})");
    private static final int READ_ATTEMPTS = 40;
    private static final String STATE_ADVICE = "Warden does not reset state on its own: fix the file by hand "
            + "or restore it (together with the other state file) from a backup";
    private static final String JOURNAL_ADVICE = "this file holds a change that was being committed when Warden "
            + "stopped; fix it, or delete it to drop that change";

    private final Path home;
    private CrashPoint crash = CrashPoint.NONE;

    /** @param home the state folder, {@code $WARDEN_HOME}; it is created when first locked */
    public StateStore(Path home) {
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    /** @return the state folder */
    public Path home() {
        return home;
    }

    /** @return {@code plugins/<publisher>/<name>/<version>/}, where that version's files are installed */
    public Path pluginDir(PluginId id, Version version) {
        return home.resolve("plugins").resolve(id.publisher()).resolve(id.name()).resolve(version.toString());
    }

    /** @return {@code data/<publisher>/<name>/}, the plugin's own data, kept across updates */
    public Path dataDir(PluginId id) {
        return home.resolve("data").resolve(id.publisher()).resolve(id.name());
    }

    /** @return {@code trash/}, where deleted files go */
    public Path trashDir() {
        return home.resolve("trash");
    }

    /**
     * @return {@code staging/}; every {@link #lock} empties it of what processes that are gone left there
     *         (see {@link #newStagingDir})
     */
    public Path stagingDir() {
        return home.resolve("staging");
    }

    /**
     * A folder name in {@link #stagingDir()} for work done before the lock is taken (e.g. a bundle checked
     * while the person reads its review). It carries this process's id, so that other processes' locks keep
     * it while this process lives, and the first lock after it died removes it. The rest of the name is 64 random
     * bits from {@link ThreadLocalRandom}, as {@link AtomicFiles} names its temporary files: a random UUID would seed
     * a {@code SecureRandom}, which costs a cold process tens of ms for a name that is no secret.
     *
     * @param prefix what the folder holds, e.g. {@code bundle}
     * @return the path; the folder is not created
     */
    public Path newStagingDir(String prefix) {
        return stagingDir().resolve(prefix + "-p" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    /** @return {@code audit/}, the audit log's folder */
    public Path auditDir() {
        return home.resolve("audit");
    }

    /** Lets tests stop a commit or recovery at any step, as a crash would. */
    void crashPoint(CrashPoint point) {
        this.crash = Objects.requireNonNull(point);
    }

    /**
     * Reads the committed state without taking the lock. If a commit journal is present, its state is
     * returned: it is committed, and the next {@link #lock} finishes writing it (roll-forward).
     *
     * @return the state; {@link WardenState#empty()} when nothing was ever committed
     * @throws StateException if a state file cannot be read or is corrupt (the message names the file and
     *                        the JSON path), or if {@code catalog.json} and {@code grants.json} belong to
     *                        different commits
     */
    public WardenState read() throws StateException {
        return read(READ_ATTEMPTS);
    }

    /**
     * What {@code warden list} shows, without taking the lock: from the small index of the last
     * commit when it is current, else from the state files.
     *
     * @return one summary per installed plugin, sorted by id
     * @throws StateException as {@link #read()} when the index cannot be used and a state file is corrupt
     */
    public List<PluginSummary> summaries() throws StateException {
        Optional<List<PluginSummary>> indexed = ListIndex.read(home);
        if (indexed.isPresent()) {
            return indexed.get();
        }
        WardenState state = read();
        return state.plugins().values().stream().map(p -> PluginSummary.of(state, p)).toList();
    }

    /**
     * Takes the state lock, waiting up to {@code wait} for another holder to release it, and then
     * recovers from any interrupted command: finishes a journaled commit, deletes temporary files and
     * everything in {@code staging/} except the folders of live processes ({@link #newStagingDir}), and deletes plugin version folders the state does not reference
     * (neither the installed version nor a pending update) along with folders left empty by that.
     * Data folders, the trash and the audit log are never touched.
     *
     * @param wait    how long to wait for another holder; {@link Duration#ZERO} tries once
     * @param command what the caller is doing, shown to anyone who finds the lock busy, e.g. {@code warden install acme/weather}
     * @return the held lock; close it to release
     * @throws LockBusyException if another holder kept the lock for the whole wait; it names that holder
     * @throws StateException    if the lock file cannot be opened or recovery fails (the lock is then released)
     */
    public StateLock lock(Duration wait, String command) throws StateException {
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(command, "command");
        Path lockFile = home.resolve(LOCK);
        FileChannel channel;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StateException("cannot open the state lock " + lockFile + ": " + e
                    + "; check that " + home + " is a writable folder", e);
        }
        StateLock lock;
        try {
            FileLock fileLock = acquire(channel, lockFile, wait);
            Holder holder = new Holder(ProcessHandle.current().pid(), command, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.json()), 0);
            channel.force(true);
            lock = new StateLock(home, channel, fileLock, holder.describe());
        } catch (IOException e) {
            closeQuietlyAfterFailure(channel, e);
            throw new StateException("cannot take the state lock " + lockFile + ": " + e, e);
        } catch (StateException | RuntimeException e) {
            closeQuietlyAfterFailure(channel, e);
            throw e;
        }
        try {
            recover();
        } catch (StateException | RuntimeException e) {
            try {
                lock.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return lock;
    }

    /**
     * Replaces {@code catalog.json} and {@code grants.json} with {@code next}, both or neither, whatever
     * instant the process is killed at. The full next state is first written to the journal (its atomic
     * rename is the commit point), then each file is replaced atomically, then the journal is deleted.
     *
     * @throws IllegalStateException if {@code lock} is not held or belongs to another home
     * @throws StateException        if writing fails; if it fails after the commit point, the message says
     *                               so and the next {@link #lock} finishes the commit
     */
    public void commit(StateLock lock, WardenState next) throws StateException {
        Objects.requireNonNull(next, "next");
        if (lock == null || !lock.isHeld() || !lock.home().equals(home)) {
            throw new IllegalStateException("commit needs the held state lock of " + home + "; call lock() first");
        }
        Path journal = home.resolve(JOURNAL);
        AuditHead audit = auditHeadToRecord();
        try {
            AtomicFiles.write(journal, StateDocuments.journal(next, audit), crash, JOURNAL);
        } catch (IOException e) {
            throw new StateException("cannot write " + journal + ", nothing was changed: " + e
                    + "; check free space and permissions in " + home, e);
        }
        try {
            writeFiles(next, audit);
        } catch (IOException e) {
            throw new StateException("the change is committed in " + journal + " but writing the state files failed: "
                    + e + "; the next Warden command completes it once the cause (free space, permissions) is fixed", e);
        }
    }

    /**
     * The audit head a commit records: the one {@code audit/head.json} holds now, unless the last commit recorded
     * one further on. A log cut or deleted since then must stay reported, not be forgotten by the next change.
     */
    private AuditHead auditHeadToRecord() throws StateException {
        // under the lock recovery has finished any journal: the last commit is in catalog.json
        Optional<AuditHead> previous = catalogAuditHead();
        AuditHead current;
        try {
            current = new AuditLog(auditDir()).head().orElse(AuditHead.NONE);
        } catch (StateException e) {
            // a damaged head.json is reported by `audit verify` and refused by the next append; the commit keeps what it knew
            return previous.orElse(AuditHead.NONE);
        }
        return previous.filter(p -> p.isAheadOf(current)).orElse(current);
    }

    /**
     * The audit head recorded by the last commit: the last audit entry that existed when the state was
     * committed. Read without the lock, like {@link #read()}.
     *
     * @return the head; empty if nothing was committed yet or the state was committed by a Warden that did not record it
     * @throws StateException if the journal or {@code catalog.json} cannot be read or is corrupt
     */
    public Optional<AuditHead> committedAuditHead() throws StateException {
        Path journal = home.resolve(JOURNAL);
        Optional<byte[]> journalBytes = readIfExists(journal);
        if (journalBytes.isPresent()) {
            return StateDocuments.parseJournal(journalBytes.get(), new JsonFields.Source(journal.toString(), JOURNAL_ADVICE)).audit();
        }
        return catalogAuditHead();
    }

    private Optional<AuditHead> catalogAuditHead() throws StateException {
        Optional<byte[]> catalog = readIfExists(home.resolve(CATALOG));
        if (catalog.isEmpty()) {
            return Optional.empty();
        }
        return StateDocuments.parseCatalogAudit(catalog.get(), new JsonFields.Source(home.resolve(CATALOG).toString(), STATE_ADVICE));
    }

    /**
     * Verifies the audit log in {@link #auditDir()} against this state: its chain, its head, and that it holds
     * the entry the last commit recorded (so a log shorter than the state it explains is reported).
     *
     * @throws StateException if the state or the log cannot be read at all
     */
    public AuditVerification verifyAudit() throws StateException {
        boolean pluginsInstalled = !read().plugins().isEmpty();
        return new AuditLog(auditDir()).verify(committedAuditHead(), pluginsInstalled);
    }

    private void writeFiles(WardenState next, AuditHead audit) throws IOException {
        AtomicFiles.write(home.resolve(CATALOG), StateDocuments.catalog(next, audit), crash, CATALOG);
        AtomicFiles.write(home.resolve(GRANTS), StateDocuments.grants(next), crash, GRANTS);
        AtomicFiles.write(home.resolve(ListIndex.FILE), ListIndex.write(next, StateDocuments.digest(next)), crash, ListIndex.FILE);
        Files.delete(home.resolve(JOURNAL));
        crash.reached(JOURNAL + ": deleted");
        AtomicFiles.syncFolder(home);
        crash.reached(JOURNAL + ": deletion synced");
    }

    private FileLock acquire(FileChannel channel, Path lockFile, Duration wait) throws IOException, StateException {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            FileLock fileLock;
            try {
                fileLock = channel.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                // another thread of this process holds it
                fileLock = null;
            }
            if (fileLock != null) {
                return fileLock;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LockBusyException(lockFile, describeHolder(lockFile));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateException("interrupted while waiting for the state lock " + lockFile, e);
            }
        }
    }

    private static String describeHolder(Path lockFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(lockFile);
        } catch (IOException e) {
            return "holder unknown (cannot read " + lockFile + ": " + e.getMessage() + ")";
        }
        return Holder.parse(bytes).map(Holder::describe)
                .orElse("holder unknown (it has not written its details yet)");
    }

    private static void closeQuietlyAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    // ---- reading

    private WardenState read(int attempts) throws StateException {
        Path journal = home.resolve(JOURNAL);
        JsonFields.Source catalogSource = new JsonFields.Source(home.resolve(CATALOG).toString(), STATE_ADVICE);
        JsonFields.Source grantsSource = new JsonFields.Source(home.resolve(GRANTS).toString(), STATE_ADVICE);
        String mismatch = "";
        for (int attempt = 0; attempt < attempts; attempt++) {
            Optional<byte[]> journalBytes = readIfExists(journal);
            if (journalBytes.isPresent()) {
                return StateDocuments.parseJournal(journalBytes.get(),
                        new JsonFields.Source(journal.toString(), JOURNAL_ADVICE)).state();
            }
            Optional<byte[]> catalogBytes = readIfExists(home.resolve(CATALOG));
            Optional<byte[]> grantsBytes = readIfExists(home.resolve(GRANTS));
            if (catalogBytes.isEmpty() && grantsBytes.isEmpty()) {
                if (!Files.exists(journal)) {
                    return WardenState.empty();
                }
                continue;
            }
            if (catalogBytes.isPresent() && grantsBytes.isPresent()) {
                StateDocuments.Part<InstalledPlugin> catalog;
                StateDocuments.Part<GrantSet> grants;
                byte[] grantsJson = grantsBytes.get();
                if (grantsJson.length < PARALLEL_PARSE_BYTES) {
                    catalog = StateDocuments.parseCatalog(catalogBytes.get(), catalogSource);
                    grants = StateDocuments.parseGrants(grantsJson, grantsSource);
                } else {
                    // With many plugins installed each file takes milliseconds to parse: the two are parsed at once.
                    CompletableFuture<StateDocuments.Part<GrantSet>> parsedGrants = CompletableFuture.supplyAsync(() -> {
                        try {
                            return StateDocuments.parseGrants(grantsJson, grantsSource);
                        } catch (StateException e) {
                            throw new CompletionException(e);
                        }
                    });
                    catalog = StateDocuments.parseCatalog(catalogBytes.get(), catalogSource);
                    grants = joined(parsedGrants);
                }
                if (catalog.commit().equals(grants.commit())) {
                    return StateDocuments.combine(catalog.entries(), grants.entries(), grantsSource);
                }
                mismatch = home.resolve(CATALOG) + " and " + home.resolve(GRANTS)
                        + " belong to different commits (their \"commit\" digests differ)";
            } else {
                Path missing = home.resolve(catalogBytes.isEmpty() ? CATALOG : GRANTS);
                Path present = home.resolve(catalogBytes.isEmpty() ? GRANTS : CATALOG);
                mismatch = missing + " is missing while " + present + " exists";
            }
            // a commit may have replaced one file between our two reads; look again
            if (attempt + 1 < attempts) {
                pause();
            }
        }
        throw new StateException(mismatch + "; " + STATE_ADVICE);
    }

    private static <T> T joined(CompletableFuture<T> future) throws StateException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StateException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private Optional<byte[]> readIfExists(Path file) throws StateException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            throw new StateException("cannot read " + file + ": permission denied; check its owner and permissions", e);
        } catch (IOException e) {
            throw new StateException("cannot read " + file + ": " + e, e);
        }
    }

    private static void pause() throws StateException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while reading Warden's state", e);
        }
    }

    // ---- recovery, under the lock

    private void recover() throws StateException {
        Path journal = home.resolve(JOURNAL);
        Optional<byte[]> journalBytes = readIfExists(journal);
        if (journalBytes.isPresent()) {
            StateDocuments.Commit committed = StateDocuments.parseJournal(journalBytes.get(),
                    new JsonFields.Source(journal.toString(), JOURNAL_ADVICE));
            try {
                writeFiles(committed.state(), committed.audit().orElse(AuditHead.NONE));
            } catch (IOException e) {
                throw new StateException("cannot finish the interrupted commit in " + journal + ": " + e
                        + "; check free space and permissions in " + home, e);
            }
        }
        try {
            AtomicFiles.deleteTemporaryFiles(home);
            deleteLeftoverStaging();
        } catch (IOException e) {
            throw new StateException("cannot clean up after an interrupted command in " + home + ": " + e
                    + "; check permissions there", e);
        }
        // holding the lock, the files cannot change under us: one attempt is enough
        WardenState state = read(1);
        try {
            pruneInstalledVersions(state);
        } catch (IOException e) {
            throw new StateException("cannot remove left-over plugin files under " + home.resolve("plugins")
                    + ": " + e + "; check permissions there", e);
        }
    }


    /** Deletes what the state does not reference under {@code plugins/}: it is left over from an interrupted command. */
    private void pruneInstalledVersions(WardenState state) throws IOException {
        Path plugins = home.resolve("plugins");
        if (!Files.isDirectory(plugins, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<Path> keep = new HashSet<>();
        for (InstalledPlugin plugin : state.plugins().values()) {
            keep.add(pluginDir(plugin.id(), plugin.version()));
            plugin.pending().ifPresent(p -> keep.add(pluginDir(plugin.id(), p.version())));
        }
        Set<Path> keepParents = new HashSet<>();
        for (Path kept : keep) {
            keepParents.add(kept.getParent());
            keepParents.add(kept.getParent().getParent());
        }
        for (Path publisher : FileTrees.children(plugins)) {
            if (!keepParents.contains(publisher)) {
                FileTrees.deleteTree(publisher);
                continue;
            }
            for (Path name : FileTrees.children(publisher)) {
                if (!keepParents.contains(name)) {
                    FileTrees.deleteTree(name);
                    continue;
                }
                for (Path version : FileTrees.children(name)) {
                    if (!keep.contains(version)) {
                        FileTrees.deleteTree(version);
                    }
                }
            }
        }
        AtomicFiles.syncFolder(plugins);
    }

    /** Deletes what staging holds, except the folders of live processes, which may be reviewing a bundle right now. */
    private void deleteLeftoverStaging() throws IOException {
        for (Path child : FileTrees.children(stagingDir())) {
            Matcher owner = STAGING_OWNER.matcher(child.getFileName().toString());
            if (owner.matches() && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                    && ProcessHandle.of(Long.parseLong(owner.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            FileTrees.deleteTree(child);
        }
    }

    /** What the lock holder writes into the lock file for others to read. */
    private record Holder(long pid, String command, Instant since) {

        byte[] json() {
            ObjectNode node = StateJson.NODES.objectNode();
            node.put("pid", pid);
            node.put("command", command);
            node.put("since", since.toString());
            // not node.toString(), which builds a databind mapper
            return JsonTreeWriter.compact(node).getBytes(StandardCharsets.UTF_8);
        }

        String describe() {
            return "pid " + pid + ", " + UnsafeCharacters.quote(command) + ", since " + since;
        }

        static Optional<Holder> parse(byte[] bytes) {
            if (bytes.length == 0) {
                return Optional.empty();
            }
            try {
                JsonNode node = StrictJson.standard().read(bytes);
                if (!node.path("pid").canConvertToLong() || !node.path("command").isString()
                        || !node.path("since").isString()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(node.get("pid").longValue(), node.get("command").stringValue(),
                        Instant.parse(node.get("since").stringValue())));
            } catch (StrictJsonException | DateTimeParseException e) {
                // half-written or foreign content says nothing reliable about the holder
                return Optional.empty();
            }
        }
    }
}
