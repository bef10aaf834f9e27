package dev.warden.manager.runtime;

/**
 * How much {@link GrantedFiles} reads or writes in one call.
 *
 * @param maxReadBytes  the largest file {@code read} returns; larger ones are refused
 * @param maxWriteBytes the largest content {@code write} accepts
 */
public record Limits(long maxReadBytes, long maxWriteBytes) {

    private static final long MIB = 1024 * 1024;

    /** @throws IllegalArgumentException if a limit is negative, or a read limit does not fit in an array */
    public Limits {
        if (maxReadBytes < 0 || maxWriteBytes < 0) {
            throw new IllegalArgumentException("file limits must not be negative: read " + maxReadBytes
                    + ", write " + maxWriteBytes);
        }
        if (maxReadBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the read limit " + maxReadBytes + " is larger than one byte array can hold");
        }
    }

    /** @return 64 MiB for reads and for writes */
    public static Limits defaults() {
        return new Limits(64 * MIB, 64 * MIB);
    }
}
