package dev.warden.signing;

/**
 * One entry of a checked zip directory: its central record agreed with its local header, and its
 * bytes lie in {@code [localOffset, endOffset)} with nothing before, after or in between.
 *
 * @param index position in the central directory
 * @param name the decoded name (directories end with {@code /})
 * @param method 0 stored or 8 deflated
 * @param flags general-purpose flags
 * @param crc CRC-32 of the inflated bytes
 * @param compressedSize bytes of data in the archive
 * @param size inflated bytes
 * @param localOffset offset of the local header
 * @param dataOffset offset of the data
 * @param endOffset offset after the data (and its data descriptor, if any)
 * @param time the modification time, in milliseconds, as Commons Compress reads it from the central record
 * @param central the raw central directory record, name, extra field and all
 */
record ZipEntryRecord(int index, String name, int method, int flags, long crc, long compressedSize, long size,
                      long localOffset, long dataOffset, long endOffset, long time, byte[] central) {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    boolean isDirectory() {
        return name.endsWith("/");
    }

    ZipEntryRecord withLocation(long local, long data, long end) {
        return new ZipEntryRecord(index, name, method, flags, crc, compressedSize, size, local, data, end, time, central);
    }
}
