package dev.warden.registry.tuf;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.Fetcher;
import java.util.Optional;

/**
 * Fetches metadata files with the limits that apply to each: a length the metadata above lists is
 * the limit, else a cap. Turns fetch failures into {@link TufException}s: longer than a signed length
 * is a mismatch, longer than a cap is endless data, anything else a fetch failure.
 */
final class MetadataReader {

    private final Fetcher fetcher;

    MetadataReader(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** A file whose length the metadata above may list: that length is the limit, else the cap. */
    byte[] fetchListed(String file, MetaFile listed, long cap, String listedBy) throws TufException {
        if (listed.length().isPresent() && listed.length().getAsLong() > cap) {
            throw new TufException(TufException.Kind.TOO_LARGE, listedBy + " lists " + listed.length().getAsLong()
                    + " bytes for " + file + ", over the limit of " + cap + " bytes; " + Messages.ATTACK_ADVICE);
        }
        return fetch(file, listed.limit(cap), listed.length().isPresent() ? Optional.of(listedBy) : Optional.empty());
    }

    /** A file that may not exist yet (the next root version): empty when the server says it does not. */
    Optional<byte[]> fetchIfPresent(String file, long maxBytes) throws TufException {
        try {
            return Optional.of(fetchOrThrow(file, maxBytes, Optional.empty()));
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw wrap(e, file, maxBytes, Optional.empty());
        }
    }

    byte[] fetch(String file, long maxBytes, Optional<String> lengthListedBy) throws TufException {
        try {
            return fetchOrThrow(file, maxBytes, lengthListedBy);
        } catch (FetchException e) {
            throw wrap(e, file, maxBytes, lengthListedBy);
        }
    }

    private byte[] fetchOrThrow(String file, long maxBytes, Optional<String> lengthListedBy)
            throws FetchException, TufException {
        FetchedBytes fetched = fetcher.fetch(file, maxBytes, Optional.empty());
        if (fetched.notModified()) {
            throw new TufException(TufException.Kind.FETCH, fetcher.location() + " answered that " + file
                    + " is not modified although no validator was sent; try again later or tell the marketplace's operator");
        }
        if (fetched.bytes().length > maxBytes) {
            throw tooLarge(file, maxBytes, lengthListedBy, null);
        }
        return fetched.bytes();
    }

    private TufException wrap(FetchException e, String file, long maxBytes, Optional<String> lengthListedBy) {
        if (e.kind() == FetchException.Kind.TOO_LARGE) {
            return tooLarge(file, maxBytes, lengthListedBy, e);
        }
        return new TufException(TufException.Kind.FETCH, e.getMessage(), e);
    }

    private static TufException tooLarge(String file, long maxBytes, Optional<String> lengthListedBy, Throwable cause) {
        if (lengthListedBy.isPresent()) {
            return new TufException(TufException.Kind.MISMATCH, file + " is longer than the " + maxBytes + " bytes "
                    + lengthListedBy.get() + " lists for it; " + Messages.ATTACK_ADVICE, cause);
        }
        return new TufException(TufException.Kind.TOO_LARGE, file + " is larger than the limit of " + maxBytes
                + " bytes (endless data refused); " + Messages.ATTACK_ADVICE, cause);
    }
}
