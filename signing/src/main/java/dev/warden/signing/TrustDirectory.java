package dev.warden.signing;

import dev.warden.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The trusted-publisher directory (DESIGN §3.3): one {@code <id>.json} per publisher in a system
 * folder (the admin's, never written here) and a user folder. The system folder wins: a user entry
 * with a system entry's id, or claiming a namespace a system entry covers, is ignored.
 */
public final class TrustDirectory {

    public static final Path DEFAULT_SYSTEM_DIR = Path.of("/etc/warden/trust/publishers");

    private final Path userDir;
    private final Path systemDir;

    /**
     * @param userDir {@code $WARDEN_HOME/trust/publishers}
     * @param systemDir usually {@link #DEFAULT_SYSTEM_DIR}
     */
    public TrustDirectory(Path userDir, Path systemDir) {
        this.userDir = Objects.requireNonNull(userDir, "userDir");
        this.systemDir = Objects.requireNonNull(systemDir, "systemDir");
    }

    /**
     * Loads both folders (a missing folder is empty), system publishers first.
     *
     * @throws TrustException naming the file that is malformed or whose id differs from its name
     */
    public TrustedPublishers load() throws TrustException {
        Map<String, PublisherEntry> system = readFolder(systemDir);
        Map<String, PublisherEntry> user = readFolder(userDir);
        Set<String> systemNamespaces = new HashSet<>();
        system.values().forEach(e -> systemNamespaces.addAll(e.namespaces()));
        List<TrustedPublisher> all = new ArrayList<>();
        system.values().forEach(e -> all.add(new TrustedPublisher(e, TrustSource.SYSTEM)));
        for (PublisherEntry e : user.values()) {
            if (!system.containsKey(e.id()) && e.namespaces().stream().noneMatch(systemNamespaces::contains)) {
                all.add(new TrustedPublisher(e, TrustSource.USER));
            }
        }
        return new TrustedPublishers(all);
    }

    /**
     * Adds {@code entry} to the user folder, merging with an existing user entry of the same id: keys
     * are united, a key keeps any revocation it ever had (a revoked key cannot be un-revoked by adding
     * it again), name, namespaces and validity windows come from {@code entry}.
     *
     * @param now refuses an entry whose every key has expired by then
     * @return the entry as stored
     * @throws TrustException if the id or one of its namespaces is managed by the system folder, if
     *     every key has expired, or if the folder cannot be written
     */
    public PublisherEntry add(PublisherEntry entry, Instant now) throws TrustException {
        Objects.requireNonNull(entry, "entry");
        Map<String, PublisherEntry> system = readFolder(systemDir);
        if (system.containsKey(entry.id())) {
            throw new TrustException("publisher '" + entry.id() + "' is managed by the system trust folder " + systemDir
                    + "; ask your administrator to change it");
        }
        for (PublisherEntry s : system.values()) {
            for (String ns : entry.namespaces()) {
                if (s.covers(ns)) {
                    throw new TrustException("namespace '" + ns + "' belongs to system-managed publisher '" + s.id()
                            + "' (" + systemDir + "); ask your administrator if '" + entry.id() + "' should sign for it");
                }
            }
        }
        if (entry.keys().stream().allMatch(k -> !now.isBefore(k.notAfter()))) {
            throw new TrustException("every key of publisher '" + entry.id() + "' has expired; ask the publisher for a current key");
        }
        Optional<PublisherEntry> existing = readUser(entry.id());
        PublisherEntry stored = existing.map(old -> merge(old, entry)).orElse(entry);
        write(stored);
        return stored;
    }

    private static PublisherEntry merge(PublisherEntry old, PublisherEntry update) {
        Map<KeyId, TrustedKey> keys = new LinkedHashMap<>();
        for (TrustedKey k : old.keys()) {
            keys.put(k.keyId(), k);
        }
        for (TrustedKey k : update.keys()) {
            TrustedKey before = keys.get(k.keyId());
            Optional<Revocation> revoked = before != null && before.revoked().isPresent() ? before.revoked() : k.revoked();
            keys.put(k.keyId(), new TrustedKey(k.publicKey(), k.notBefore(), k.notAfter(), revoked));
        }
        return new PublisherEntry(update.id(), update.name(), update.namespaces(), new ArrayList<>(keys.values()));
    }

    /**
     * Revokes one key, or every key, of a user-folder publisher. Keys already revoked keep their
     * original revocation.
     *
     * @return the entry as stored
     * @throws TrustException for an unknown publisher or key, a system-managed publisher, a blank reason,
     *     or a write failure
     */
    public PublisherEntry revoke(String id, Optional<KeyId> key, String reason, Instant now) throws TrustException {
        Objects.requireNonNull(key, "key");
        PublisherEntries.checkText(Objects.requireNonNull(reason, "reason"), "the revocation reason");
        PublisherEntry entry = userEntryOrExplain(id, "revoke its keys");
        if (key.isPresent() && entry.key(key.get()).isEmpty()) {
            throw new TrustException("publisher '" + id + "' has no key " + key.get().shortForm()
                    + "; list its keys with 'warden trust list'");
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (TrustedKey k : entry.keys()) {
            boolean target = key.isEmpty() || key.get().equals(k.keyId());
            keys.add(target && k.revoked().isEmpty() ? k.revoke(new Revocation(now, reason)) : k);
        }
        PublisherEntry stored = new PublisherEntry(entry.id(), entry.name(), entry.namespaces(), keys);
        write(stored);
        return stored;
    }

    /**
     * Removes a publisher from the user folder.
     *
     * @throws TrustException for an unknown or system-managed publisher, or a delete failure
     */
    public void remove(String id) throws TrustException {
        userEntryOrExplain(id, "remove it");
        Path file = fileFor(userDir, id);
        try {
            Files.delete(file);
            AtomicFiles.syncFolder(userDir);
        } catch (IOException e) {
            throw new TrustException(file + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }

    private PublisherEntry userEntryOrExplain(String id, String action) throws TrustException {
        Optional<PublisherEntry> user = readUser(id);
        if (user.isPresent()) {
            if (readFolder(systemDir).containsKey(id)) {
                throw new TrustException("publisher '" + id + "' is managed by the system trust folder " + systemDir
                        + "; ask your administrator to " + action);
            }
            return user.get();
        }
        if (readFolder(systemDir).containsKey(id)) {
            throw new TrustException("publisher '" + id + "' is managed by the system trust folder " + systemDir
                    + "; ask your administrator to " + action);
        }
        throw new TrustException("no trusted publisher '" + id + "' in " + userDir + "; see 'warden trust list'");
    }

    private Optional<PublisherEntry> readUser(String id) throws TrustException {
        if (!PublisherEntry.ID.matcher(id).matches()) {
            throw new TrustException("'" + EntryNames.printable(id) + "' is not a publisher id (kebab-case)");
        }
        Path file = fileFor(userDir, id);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(readChecked(file));
    }

    private void write(PublisherEntry entry) throws TrustException {
        try {
            Files.createDirectories(userDir);
            AtomicFiles.write(fileFor(userDir, entry.id()), PublisherEntries.toJson(entry));
        } catch (IOException e) {
            throw new TrustException(fileFor(userDir, entry.id()) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static Path fileFor(Path dir, String id) {
        return dir.resolve(id + ".json");
    }

    private static Map<String, PublisherEntry> readFolder(Path dir) throws TrustException {
        Map<String, PublisherEntry> entries = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                PublisherEntry entry = readChecked(file);
                entries.put(entry.id(), entry);
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (NotDirectoryException e) {
            throw new TrustException(dir + ": is not a folder; the trust directory must be a folder of <id>.json files", e);
        } catch (IOException e) {
            throw new TrustException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    private static PublisherEntry readChecked(Path file) throws TrustException {
        if (!Files.isRegularFile(file)) {
            throw new TrustException(file + ": not a regular file; remove it from the trust folder");
        }
        PublisherEntry entry = PublisherEntries.read(file);
        String expected = entry.id() + ".json";
        if (!file.getFileName().toString().equals(expected)) {
            throw new TrustException(file + ": holds publisher '" + entry.id() + "', so it must be named " + expected);
        }
        return entry;
    }
}
