package dev.warden.registry.tuf;

import java.io.IOException;

/**
 * Told of each metadata file the moment it passes every check, before the next file is fetched, so
 * that a client which stores them one by one (as the TUF workflow describes) keeps what was accepted
 * even when a later file fails.
 */
@FunctionalInterface
interface AcceptedFiles {

    /** Keeps nothing: for callers that store the whole verified set at the end, or not at all. */
    AcceptedFiles NONE = (roleName, bytes) -> { };

    /**
     * @param roleName {@code root}, {@code timestamp}, {@code snapshot}, {@code targets} or a delegated role's name
     * @param bytes    the file exactly as received
     */
    void accepted(String roleName, byte[] bytes) throws IOException;
}
