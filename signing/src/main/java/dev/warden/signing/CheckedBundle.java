package dev.warden.signing;

import dev.warden.io.Digests;
import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bundle opened once: its zip directory checked, its metadata read and cross-checked against the
 * entries (nothing listed is missing, nothing present is unlisted, sizes agree). Content is checked
 * in a second step, {@link #checkContent}, optionally extracting; callers decide trust in between.
 */
final class CheckedBundle implements AutoCloseable {

    /** Below this many bytes, a second thread costs more than it saves. */
    private static final long PARALLEL_THRESHOLD = 8L << 20;
    /** Below this many bytes, inflating an entry on one thread and hashing it on another does not pay. */
    static final long PIPELINE_THRESHOLD = 4L << 20;

    private final FileChannel channel;
    private final ByteSource source;
    private final BundleLimits limits;
    private final ZipDirectory directory;
    private final BundleIdentity identity;
    private final byte[] manifest;
    private final byte[] filesJson;
    private final List<FileEntry> files;
    private final List<BundleSignature> signatures;
    private final boolean hasSignatureFile;
    private final byte[] signatureJson;

    private CheckedBundle(FileChannel channel, ByteSource source, BundleLimits limits, ZipDirectory directory,
                          BundleIdentity identity, byte[] manifest, byte[] filesJson, List<FileEntry> files,
                          byte[] signatureJson, List<BundleSignature> signatures) {
        this.channel = channel;
        this.source = source;
        this.limits = limits;
        this.directory = directory;
        this.identity = identity;
        this.manifest = manifest;
        this.filesJson = filesJson;
        this.files = files;
        this.signatureJson = signatureJson;
        this.hasSignatureFile = signatureJson != null;
        this.signatures = signatures;
    }

    /**
     * Opens {@code bundle} and checks structure and metadata.
     *
     * @throws BundleException for the first problem, IO if the file cannot be read
     */
    static CheckedBundle open(Path bundle, BundleLimits limits) throws BundleException {
        FileChannel channel;
        try {
            channel = FileChannel.open(bundle, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BundleException(Failure.IO, "bundle " + bundle + " does not exist", e);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot open bundle " + bundle + ": " + e.getMessage(), e);
        }
        try {
            CheckedBundle checked = read(channel, limits);
            channel = null;
            return checked;
        } catch (BundleException e) {
            if (e.entry().isPresent() || e.keyId().isPresent()) {
                throw e;
            }
            // A problem of the archive as a whole: say which file, since the caller may hold several.
            throw new BundleException(e.failure(), null, bundle + ": " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                closeQuietly(channel);
            }
        }
    }

    private static CheckedBundle read(FileChannel channel, BundleLimits limits) throws BundleException {
        ByteSource source;
        try {
            source = ByteSource.of(channel);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot read the bundle: " + e.getMessage(), e);
        }
        ZipDirectory directory = ZipDirectory.readBundle(source, limits);
        Map<String, ZipEntryRecord> byName = new HashMap<>();
        for (ZipEntryRecord entry : directory.entries()) {
            byName.put(entry.name(), entry);
        }
        byte[] manifest = readMetadata(source, byName.get(EntryNames.PLUGIN_JSON), EntryNames.PLUGIN_JSON, limits,
                "every bundle has plugin.json at its root");
        byte[] filesJson = readMetadata(source, byName.get(EntryNames.FILES_JSON), EntryNames.FILES_JSON, limits,
                "pack the plugin with 'warden pack'");
        ZipEntryRecord signatureEntry = byName.get(EntryNames.SIGNATURE_JSON);
        byte[] signatureJson = signatureEntry == null ? null
                : readMetadata(source, signatureEntry, EntryNames.SIGNATURE_JSON, limits, "");
        List<FileEntry> files = BundleMetadata.files(filesJson, limits);
        crossCheck(directory, files, limits);
        FileEntry manifestLine = files.stream().filter(f -> f.path().equals(EntryNames.PLUGIN_JSON)).findFirst()
                .orElseThrow(() -> new BundleException(Failure.MISSING_ENTRY, EntryNames.PLUGIN_JSON,
                        "files.json does not list plugin.json; rebuild the bundle with 'warden pack'"));
        if (!Digests.sha256Hex(manifest).equals(manifestLine.sha256())) {
            throw new BundleException(Failure.CONTENT_MISMATCH, EntryNames.PLUGIN_JSON,
                    "plugin.json differs from files.json (altered after packing); do not install this bundle");
        }
        BundleIdentity identity = BundleMetadata.identity(manifest, "plugin.json");
        List<BundleSignature> signatures = signatureJson == null ? List.of() : BundleMetadata.signatures(signatureJson);
        return new CheckedBundle(channel, source, limits, directory, identity, manifest, filesJson, files,
                signatureJson, signatures);
    }

    private static byte[] readMetadata(ByteSource source, ZipEntryRecord entry, String name, BundleLimits limits,
                                       String hint) throws BundleException {
        if (entry == null) {
            throw new BundleException(Failure.MISSING_ENTRY, name, "the bundle has no " + name
                    + (hint.isEmpty() ? "" : "; " + hint));
        }
        if (entry.size() > limits.maxMetadataBytes()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, name, name + " is " + entry.size()
                    + " bytes, above the limit of " + limits.maxMetadataBytes());
        }
        return EntryStreamer.readAll(source, entry, name);
    }

    /** Every entry but folders and the two META-INF/warden files is listed exactly once, with its size. */
    private static void crossCheck(ZipDirectory directory, List<FileEntry> files, BundleLimits limits)
            throws BundleException {
        Map<String, FileEntry> listed = new HashMap<>();
        for (FileEntry f : files) {
            listed.put(f.path(), f);
        }
        Map<String, ZipEntryRecord> present = new HashMap<>();
        for (ZipEntryRecord entry : directory.entries()) {
            if (entry.isDirectory() || isSignedMetadata(entry.name())) {
                continue;
            }
            present.put(entry.name(), entry);
            FileEntry line = listed.get(entry.name());
            if (line == null) {
                throw new BundleException(Failure.UNLISTED_ENTRY, entry.name(), "entry '"
                        + EntryNames.printable(entry.name()) + "' is not listed in files.json (added after packing);"
                        + " do not install this bundle");
            }
            if (line.size() != entry.size()) {
                throw new BundleException(Failure.CONTENT_MISMATCH, entry.name(), "entry '"
                        + EntryNames.printable(entry.name()) + "' is " + entry.size() + " bytes but files.json says "
                        + line.size() + " (altered after packing); do not install this bundle");
            }
            if (EntryNames.isJar(entry.name()) && entry.size() > limits.maxNestedArchiveBytes()) {
                throw new BundleException(Failure.LIMIT_EXCEEDED, entry.name(), "jar '" + EntryNames.printable(entry.name())
                        + "' is " + entry.size() + " bytes, above the limit of " + limits.maxNestedArchiveBytes()
                        + " for jars Warden inspects");
            }
        }
        for (FileEntry f : files) {
            if (!present.containsKey(f.path())) {
                throw new BundleException(Failure.MISSING_ENTRY, f.path(), "files.json lists '"
                        + EntryNames.printable(f.path()) + "' but the bundle does not hold it (removed after packing);"
                        + " do not install this bundle");
            }
        }
    }

    static boolean isSignedMetadata(String name) {
        return name.equals(EntryNames.FILES_JSON) || name.equals(EntryNames.SIGNATURE_JSON);
    }

    BundleIdentity identity() {
        return identity;
    }

    byte[] manifest() {
        return manifest.clone();
    }

    byte[] filesJson() {
        return filesJson.clone();
    }

    List<FileEntry> files() {
        return files;
    }

    List<BundleSignature> signatures() {
        return signatures;
    }

    boolean hasSignatureFile() {
        return hasSignatureFile;
    }

    byte[] payload() {
        return BundleMetadata.payload(identity, filesJson);
    }

    ZipDirectory directory() {
        return directory;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * Streams every entry once, hashing it against files.json (the metadata files against the bytes
     * already read), inspecting jars, and — with a staging folder — writing it there. On any failure
     * the staging folder is rolled back before the exception is thrown.
     */
    void checkContent(Staging staging) throws BundleException {
        Map<String, String> expected = new HashMap<>();
        for (FileEntry f : files) {
            expected.put(f.path(), f.sha256());
        }
        expected.put(EntryNames.FILES_JSON, Digests.sha256Hex(filesJson));
        if (signatureJson != null) {
            expected.put(EntryNames.SIGNATURE_JSON, Digests.sha256Hex(signatureJson));
        }
        List<ZipEntryRecord> work = new ArrayList<>(directory.entries());
        work.sort(Comparator.comparingLong(ZipEntryRecord::size).reversed());
        try {
            if (staging != null) {
                staging.createDirectories(directory.entries());
            }
            int cores = Math.min(2, Runtime.getRuntime().availableProcessors());
            int threads = directory.totalSize() >= PARALLEL_THRESHOLD && work.size() > 1 ? cores : 1;
            run(work, threads, cores, expected, staging);
            if (staging != null) {
                staging.sync();
            }
        } catch (BundleException | RuntimeException | Error e) {
            if (staging != null) {
                staging.rollback();
            }
            throw e;
        }
    }

    /**
     * Whether an entry is inflated on one thread and hashed on another: only a large deflated entry that
     * holds more than its share of the bundle's bytes, because spreading whole entries over the cores
     * leaves such an entry to one core at the end while the others have nothing left to do.
     */
    static boolean inflatesAhead(ZipEntryRecord entry, long totalSize, int cores) {
        return cores > 1 && entry.method() == ZipEntryRecord.DEFLATED && entry.size() >= PIPELINE_THRESHOLD
                && entry.size() * cores > totalSize;
    }

    /**
     * Checks the entries on {@code threads} workers (the calling thread when one), every thread in one
     * pool that ends before this returns, whether the check passes, fails or is interrupted.
     */
    private void run(List<ZipEntryRecord> work, int threads, int cores, Map<String, String> expected, Staging staging)
            throws BundleException {
        long total = directory.totalSize();
        boolean ahead = work.stream().anyMatch(e -> inflatesAhead(e, total, cores));
        // Each worker may have one hashing task of its own at a time: room for both, so none waits for a thread.
        int poolThreads = (threads > 1 ? threads : 0) + (ahead ? threads : 0);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        BundleException[] failures = new BundleException[directory.entries().size()];
        try (ScopedExecutor pool = poolThreads == 0 ? null : new ScopedExecutor(poolThreads, "check")) {
            Runnable worker = () -> {
                try (EntryStreamer streamer = new EntryStreamer()) {
                    for (int i = next.getAndIncrement(); i < work.size() && !stop.get(); i = next.getAndIncrement()) {
                        ZipEntryRecord entry = work.get(i);
                        try {
                            checkEntry(streamer, entry, expected, staging, stop,
                                    inflatesAhead(entry, total, cores) ? pool : null);
                        } catch (BundleException e) {
                            failures[entry.index()] = e;
                            stop.set(true);
                        } catch (Stopped e) {
                            // Another entry failed first; its failure is the one reported.
                        } catch (RuntimeException e) {
                            failures[entry.index()] = new BundleException(Failure.IO, entry.name(), "cannot check entry '"
                                    + EntryNames.printable(entry.name()) + "': " + e, e);
                            stop.set(true);
                        }
                    }
                }
            };
            if (threads <= 1) {
                worker.run();
            } else {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    running.add(pool.submit(worker));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            // Closing the pool (above, before this runs) interrupted the workers and waited for them to end.
            stop.set(true);
            Thread.currentThread().interrupt();
            throw new BundleException(Failure.IO, "interrupted while checking the bundle", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BundleException(Failure.IO, "cannot check the bundle: " + e.getCause(), e.getCause());
        }
        // Several workers may fail at once: report the first entry in archive order, for stable messages.
        for (BundleException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void checkEntry(EntryStreamer streamer, ZipEntryRecord entry, Map<String, String> expected, Staging staging,
                            AtomicBoolean stop, ScopedExecutor hashing) throws BundleException {
        String name = entry.name();
        boolean jar = !entry.isDirectory() && EntryNames.isJar(name);
        byte[] jarBytes = jar ? new byte[(int) entry.size()] : null;
        int[] filled = {0};
        try (FileChannel out = staging == null || entry.isDirectory() ? null : staging.create(name)) {
            byte[] digest = streamer.stream(source, entry, name, (bytes, off, len) -> {
                if (stop.get()) {
                    throw new Stopped();
                }
                if (jarBytes != null) {
                    System.arraycopy(bytes, off, jarBytes, filled[0], len);
                    filled[0] += len;
                }
                if (out != null) {
                    Staging.write(out, bytes, off, len);
                }
            }, hashing);
            if (!entry.isDirectory()) {
                String want = expected.get(name);
                if (want == null || !MessageDigest.isEqual(HexFormat.of().parseHex(want), digest)) {
                    throw new BundleException(Failure.CONTENT_MISMATCH, name, "entry '" + EntryNames.printable(name)
                            + "' differs from its SHA-256 in files.json (altered after packing); do not install this bundle");
                }
            }
        } catch (IOException e) {
            throw new BundleException(Failure.IO, name, "cannot write '" + EntryNames.printable(name)
                    + "' to staging: " + e.getMessage(), e);
        }
        if (jar) {
            JarInspector.inspect(jarBytes, name, limits);
        }
    }

    /** Thrown inside a worker to abandon an entry once another entry has failed. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("another entry failed", null, false, false);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // A read-only channel has nothing to lose on close.
        }
    }
}
