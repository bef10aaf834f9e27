package dev.warden.registry.fetch;

/**
 * Told about a download as it goes; a terminal shows a bar, anything else a line or nothing. Calls may
 * come from the HTTP client's threads, one at a time.
 */
public interface Progress {

    /**
     * A download begins, or begins again from zero after a retry.
     *
     * @param label      what is downloaded (a path from the marketplace: untrusted text)
     * @param totalBytes the expected size, or -1 when unknown
     */
    void start(String label, long totalBytes);

    /** @param bytes how many bytes arrived since the last call */
    void advance(long bytes);

    /** The download is over, whether it succeeded or failed; called once, only after {@link #start}. */
    void finish();

    /** Shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void start(String label, long totalBytes) {
            }

            @Override
            public void advance(long bytes) {
            }

            @Override
            public void finish() {
            }
        };
    }
}
