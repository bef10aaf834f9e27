package dev.warden.registry.git;

import static dev.warden.registry.git.MarketplaceException.Kind.INTEGRITY;
import static dev.warden.registry.git.MarketplaceException.Kind.REFUSED;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Copies the objects of one commit — the commit, every tree under it and every file's blob; a submodule entry names
 * no object here — from a repository on this machine into one new pack of another. A thread of its own reads each
 * object (a loose one from its file, any other through JGit) and walks the trees, while the calling thread hashes
 * what was read, checks it against the id it was read under, and writes it: the two share the machine's cores. An
 * object counts only once the calling thread has hashed it to its id.
 */
final class CommitCopy implements AutoCloseable {

    /** How many bytes of content the reader may hold ahead of the writer, in KiB. */
    private static final int READ_AHEAD_KIB = 32 << 10;

    /** One object as read: its content, or none when it is too large to hold and is streamed by the writer. */
    private record Read(ObjectId id, int type, byte[] content, int kib) {
    }

    private static final Read END = new Read(ObjectId.zeroId(), 0, null, 0);

    private final Repository source;
    private final RevCommit commit;
    private final BlockingQueue<Object> reads = new LinkedBlockingQueue<>();
    private final Semaphore readAhead = new Semaphore(READ_AHEAD_KIB);

    private final Thread reader = new Thread(this::readAll, "warden-git-read");

    private CommitCopy(Repository source, RevCommit commit) {
        this.source = source;
        this.commit = commit;
        reader.setDaemon(true);
    }

    /**
     * Starts reading {@code commit}'s objects from {@code source}, so that the reading runs while the caller makes the
     * repository they go into; {@link #into} writes them, and closing stops the reading if it still runs.
     */
    static CommitCopy start(Repository source, RevCommit commit) {
        CommitCopy copy = new CommitCopy(source, commit);
        copy.reader.start();
        return copy;
    }

    /**
     * Writes every object read into a new pack of {@code target} and opens it there.
     *
     * @throws MarketplaceException INTEGRITY if an object does not hash to its id; REFUSED for a tree too large to read
     * @throws IOException          if an object is missing, of another type than its tree says, or cannot be read or written
     */
    void into(ObjectDirectory target) throws IOException, MarketplaceException {
        try (PackFileWriter pack = new PackFileWriter(target.getPackDirectory());
             ObjectReader large = source.newObjectReader()) {
            for (Read read = next(); read != END; read = next()) {
                ObjectId written;
                if (read.content() != null) {
                    written = pack.insert(read.type(), read.content());
                } else {
                    ObjectLoader loader = large.open(read.id(), read.type());
                    try (InputStream in = loader.openStream()) {
                        written = pack.insert(read.type(), loader.getSize(), in);
                    }
                }
                readAhead.release(read.kib());
                if (!written.equals(read.id())) {
                    throw new MarketplaceException(INTEGRITY, "the object " + read.id().name() + " of the repository hashes to "
                            + written.name() + "; the repository is corrupt or was tampered with");
                }
            }
            target.openPack(pack.finish());
        } finally {
            close();
        }
    }

    /** The next object read, or {@link #END}; rethrows what stopped the reader. */
    private Read next() throws IOException, MarketplaceException {
        Object next;
        try {
            next = reads.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying the repository's objects");
        }
        if (next instanceof Read read) {
            return read;
        }
        if (next instanceof IOException e) {
            throw e;
        }
        if (next instanceof MarketplaceException e) {
            throw e;
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) next;
    }

    /** Ends the reader, if it still runs, before the source repository it reads is closed. */
    @Override
    public void close() {
        reader.interrupt();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reader's work: every object once, then {@link #END}, or what went wrong. */
    private void readAll() {
        Object last = END;
        try (ObjectReader reader = source.newObjectReader();
             LooseObjectReader loose = new LooseObjectReader(((ObjectDirectory) source.getObjectDatabase()).getDirectory().toPath())) {
            walk(reader, loose);
        } catch (InterruptedException e) {
            return; // the writer gave up and is no longer listening
        } catch (IOException | MarketplaceException | RuntimeException | Error e) {
            last = e;
        }
        reads.add(last);
    }

    private void walk(ObjectReader reader, LooseObjectReader loose)
            throws IOException, MarketplaceException, InterruptedException {
        read(reader, loose, commit.copy(), Constants.OBJ_COMMIT);
        Set<ObjectId> seen = new HashSet<>();
        Deque<ObjectId> trees = new ArrayDeque<>();
        trees.push(commit.getTree().copy());
        seen.add(commit.getTree().copy());
        CanonicalTreeParser parser = new CanonicalTreeParser();
        while (!trees.isEmpty()) {
            parser.reset(read(reader, loose, trees.pop(), Constants.OBJ_TREE));
            for (; !parser.eof(); parser.next()) {
                FileMode mode = parser.getEntryFileMode();
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                ObjectId id = parser.getEntryObjectId();
                if (!seen.add(id)) {
                    continue;
                }
                if (mode == FileMode.TREE) {
                    trees.push(id);
                } else {
                    read(reader, loose, id, Constants.OBJ_BLOB);
                }
            }
        }
    }

    /**
     * Reads one object and hands it to the writer; returns its content (a tree's is parsed next, before the writer
     * has checked it: what the walk finds in a tree counts only if the tree hashes to its id).
     */
    private byte[] read(ObjectReader reader, LooseObjectReader loose, ObjectId id, int type)
            throws IOException, MarketplaceException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Optional<byte[]> content = loose.read(id, type);
        byte[] bytes;
        if (content.isPresent()) {
            bytes = content.get();
        } else {
            ObjectLoader loader = reader.open(id, type);
            if (loader.isLarge() && type == Constants.OBJ_TREE) {
                // a tree is parsed whole; JGit streams an object past 50 MiB, which no honest tree comes near
                throw new MarketplaceException(REFUSED, "the tree " + id.name() + " of the repository is "
                        + loader.getSize() + " bytes; Warden reads trees of at most 50 MiB");
            }
            bytes = loader.isLarge() ? null : loader.getCachedBytes();
        }
        int kib = bytes == null ? 0 : Math.min(READ_AHEAD_KIB, 1 + bytes.length / 1024);
        readAhead.acquire(kib);
        reads.add(new Read(id, type, bytes, kib));
        return bytes;
    }
}
