package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a static signed repository through a {@link Fetcher}: metadata at the top of the location
 * ({@code timestamp.json}, {@code N.root.json}, {@code V.snapshot.json}, ...), targets under {@code targets/}
 * or at a location of their own. Thread-safe; holds no state between calls.
 */
public final class TufClient {

    static final String TARGETS_DIR = "targets/";

    private final Fetcher fetcher;
    private final Fetcher targetFetcher;
    private final String targetsPrefix;
    private final Clock clock;
    private final TufLimits limits;

    /**
     * A repository that serves its targets under {@code targets/} next to the metadata (as Warden writes them).
     *
     * @param fetcher reads the repository's location
     * @param clock   the time expiries are judged against
     * @param limits  size caps for metadata and delegation limits
     */
    public TufClient(Fetcher fetcher, Clock clock, TufLimits limits) {
        this(fetcher, fetcher, TARGETS_DIR, clock, limits);
    }

    /**
     * A repository whose targets are served from a location of their own.
     *
     * @param metadata reads the metadata
     * @param targets  reads targets by their paths (hash-prefixed with consistent snapshots)
     */
    public TufClient(Fetcher metadata, Fetcher targets, Clock clock, TufLimits limits) {
        this(metadata, targets, "", clock, limits);
    }

    private TufClient(Fetcher fetcher, Fetcher targetFetcher, String targetsPrefix, Clock clock, TufLimits limits) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.targetFetcher = Objects.requireNonNull(targetFetcher, "targets");
        this.targetsPrefix = targetsPrefix;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Runs the TUF client workflow from {@code trusted}: walks new root versions, then fetches and
     * checks the timestamp, snapshot and targets against what is trusted (signatures, versions, no
     * rollback, lengths and hashes, expiry at the time read once when the refresh starts), then loads
     * every delegated role, so that {@link TrustedMetadata#targets()} lists the whole repository. Never
     * changes {@code trusted}; persist the result only when this returns.
     *
     * @return the new verified set; {@link RefreshResult#changed()} is false when nothing new was served
     * @throws TufException {@link TufException.Kind#FETCH} when a file could not be fetched, any other kind
     *                      when the repository served something that must not be trusted
     */
    public RefreshResult refresh(TrustedMetadata trusted) throws TufException {
        Objects.requireNonNull(trusted, "trusted");
        try {
            return new Refresh(fetcher, limits, clock.instant(), trusted, AcceptedFiles.NONE, true).run();
        } catch (IOException e) {
            throw new IllegalStateException("nothing is stored during this refresh, so nothing can fail to be", e);
        }
    }

    /**
     * Runs the TUF client workflow from the metadata stored in {@code dir}, storing each file in it as
     * soon as it is accepted, as the specification describes: a refresh that fails part way keeps the
     * roots, timestamp and so on it accepted before the failure. Delegated roles are loaded later, by
     * {@link #findTarget}, as a search needs them.
     *
     * @return the verified top-level set
     * @throws TufException as {@link #refresh(TrustedMetadata)}, or for a {@code root.json} in {@code dir} that
     *                      is missing its own signatures
     * @throws IOException  when {@code dir} cannot be read or written
     */
    public TrustedMetadata refresh(MetadataDirectory dir) throws TufException, IOException {
        TrustedMetadata start = dir.load();
        return new Refresh(fetcher, limits, clock.instant(), start, dir.store(), false).run().metadata();
    }

    /**
     * Finds the entry for {@code targetPath} by the specification's pre-order depth-first search through
     * the delegations that cover it, fetching and checking each delegated role the search reaches
     * unless {@code dir} holds it at the version the snapshot lists, and storing each one fetched.
     *
     * @param trusted a set {@link #refresh(MetadataDirectory)} returned
     * @return the set with the roles loaded, and the entry if a role that may sign the path lists it
     * @throws TufException when a role the search reaches fails a check (the search does not go around it)
     */
    public TargetSearchResult findTarget(MetadataDirectory dir, TrustedMetadata trusted, String targetPath)
            throws TufException, IOException {
        Objects.requireNonNull(targetPath, "targetPath");
        if (trusted.snapshot().isEmpty() || trusted.targetsMetadata().isEmpty()) {
            throw new IllegalArgumentException("find targets in a refreshed set");
        }
        DelegatedRoleLoader loader = new DelegatedRoleLoader(new MetadataReader(fetcher), limits, clock.instant(),
                trusted.root(), trusted.snapshot().get(), dir.cached(trusted.delegated()), dir.store());
        Optional<TargetSearch.Found> found = TargetSearch.find(trusted.targetsMetadata().get(), targetPath,
                (role, from, delegator) -> Optional.of(loader.load(role, from, delegator)), limits.maxDelegationsPerSearch());
        Map<String, TargetsMetadata> roles = new LinkedHashMap<>(trusted.delegated());
        roles.putAll(loader.loaded());
        TrustedMetadata result = new TrustedMetadata(trusted.root(), trusted.timestamp().orElse(null),
                trusted.snapshot().get(), trusted.targetsMetadata().get(), roles);
        return new TargetSearchResult(result, found.map(TargetSearch.Found::entry));
    }

    /**
     * Downloads a target of {@code trusted} to {@code destination}, checking its length and every hash
     * the targets metadata lists of an algorithm Warden checks ({@link Digests#checkable}). When the root
     * uses consistent snapshots the file is fetched as {@code targets/<dir>/<hash>.<name>} (the first hash
     * listed), otherwise as {@code targets/<path>}.
     *
     * @throws IllegalArgumentException when {@code target} is not the entry {@code trusted} gives for its path
     * @throws TufException {@link TufException.Kind#FETCH} when it could not be fetched,
     *                      {@link TufException.Kind#MISMATCH} when its length or a hash differs, or when the
     *                      metadata lists only hashes Warden does not check; in every case
     *                      {@code destination} does not exist afterwards
     */
    public FetchedFile downloadTarget(TrustedMetadata trusted, TargetEntry target, Path destination, Progress progress)
            throws TufException {
        if (!trusted.lists(target)) {
            throw new IllegalArgumentException("target " + target.path() + " is not one of the trusted targets");
        }
        Map<String, String> checked = CheckedHashes.of(target.hashes(), target.path(), "targets.json");
        List<String> algorithms = new ArrayList<>(checked.keySet());
        String remote = targetsPrefix + remotePath(trusted, target);
        try {
            FetchedFile fetched;
            try {
                fetched = targetFetcher.download(remote, target.length(), destination, algorithms, progress);
            } catch (FetchException e) {
                if (e.kind() == FetchException.Kind.TOO_LARGE) {
                    throw new TufException(TufException.Kind.MISMATCH, remote + " is longer than the "
                            + target.length() + " bytes targets.json lists for " + target.path() + "; "
                            + Messages.ATTACK_ADVICE, e);
                }
                throw new TufException(TufException.Kind.FETCH, e.getMessage(), e);
            }
            if (fetched.length() != target.length()) {
                throw new TufException(TufException.Kind.MISMATCH, remote + " is " + fetched.length()
                        + " bytes, but targets.json lists " + target.length() + " bytes for " + target.path() + "; "
                        + Messages.ATTACK_ADVICE);
            }
            for (Map.Entry<String, String> hash : checked.entrySet()) {
                String actual = fetched.hashes().get(hash.getKey());
                if (actual == null || !Digests.sameHex(hash.getValue(), actual)) {
                    throw new TufException(TufException.Kind.MISMATCH, remote + " has " + hash.getKey() + " "
                            + (actual == null ? "(not computed)" : actual) + ", but targets.json lists "
                            + hash.getValue() + " for " + target.path() + "; " + Messages.ATTACK_ADVICE);
                }
            }
            return fetched;
        } catch (TufException | RuntimeException e) {
            try {
                Files.deleteIfExists(destination);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The target's path, hash-prefixed when the root uses consistent snapshots (first hash listed). */
    static String remotePath(TrustedMetadata trusted, TargetEntry target) {
        String path = target.path();
        if (!trusted.root().consistentSnapshot()) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        String hash = target.hashes().values().iterator().next();
        return path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
    }
}
