package dev.warden.registry.tuf;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a static signed repository through a {@link Fetcher}: metadata at the top of the location
 * ({@code timestamp.json}, {@code N.root.json}, {@code V.snapshot.json}, ...), targets under {@code targets/}.
 * Thread-safe; holds no state between calls.
 */
public final class TufClient {

    static final String TARGETS_DIR = "targets/";

    private final Fetcher fetcher;
    private final Clock clock;
    private final TufLimits limits;

    /**
     * @param fetcher reads the repository's location
     * @param clock   the time expiries are judged against
     * @param limits  size caps for metadata
     */
    public TufClient(Fetcher fetcher, Clock clock, TufLimits limits) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Runs the TUF client workflow from {@code trusted}: walks new root versions, then fetches and
     * checks the timestamp, snapshot and targets against what is trusted (signatures, versions, no
     * rollback, lengths and hashes, expiry at the time read once when the refresh starts). Never
     * changes {@code trusted}; persist the result only when this returns.
     *
     * @return the new verified set; {@link RefreshResult#changed()} is false when nothing new was served
     * @throws TufException {@link TufException.Kind#FETCH} when a file could not be fetched, any other kind
     *                      when the repository served something that must not be trusted
     */
    public RefreshResult refresh(TrustedMetadata trusted) throws TufException {
        Objects.requireNonNull(trusted, "trusted");
        return new Refresh(fetcher, limits, clock.instant(), trusted).run();
    }

    /**
     * Downloads a target of {@code trusted} to {@code destination}, checking its length and every
     * hash the targets metadata lists. When the root uses consistent snapshots the file is fetched as
     * {@code targets/<dir>/<hash>.<name>} (the first hash listed), otherwise as {@code targets/<path>}.
     *
     * @throws IllegalArgumentException when {@code target} is not one of {@code trusted}'s targets
     * @throws TufException {@link TufException.Kind#FETCH} when it could not be fetched,
     *                      {@link TufException.Kind#MISMATCH} when its length or a hash differs; in either
     *                      case {@code destination} does not exist afterwards
     */
    public FetchedFile downloadTarget(TrustedMetadata trusted, TargetEntry target, Path destination, Progress progress)
            throws TufException {
        if (!target.equals(trusted.targets().get(target.path()))) {
            throw new IllegalArgumentException("target " + target.path() + " is not one of the trusted targets");
        }
        List<String> algorithms = new ArrayList<>(target.hashes().keySet());
        for (String algorithm : algorithms) {
            if (!Digests.isSupported(algorithm)) {
                throw new TufException(TufException.Kind.MISMATCH, "targets.json lists a " + algorithm + " hash for "
                        + target.path() + ", an algorithm Warden cannot check; tell the marketplace's operator");
            }
        }
        String remote = remotePath(trusted, target);
        try {
            FetchedFile fetched;
            try {
                fetched = fetcher.download(remote, target.length(), destination, algorithms, progress);
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
            for (Map.Entry<String, String> hash : target.hashes().entrySet()) {
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

    static String remotePath(TrustedMetadata trusted, TargetEntry target) {
        String path = target.path();
        if (!trusted.root().consistentSnapshot()) {
            return TARGETS_DIR + path;
        }
        int slash = path.lastIndexOf('/');
        String hash = target.hashes().values().iterator().next();
        return TARGETS_DIR + path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
    }
}
