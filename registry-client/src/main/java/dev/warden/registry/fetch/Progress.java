package dev.warden.registry.fetch;

/** Told about a download as it goes; a terminal shows a bar, anything else a line or nothing. */
public interface Progress {

    /** @param totalBytes the expected size, or -1 when unknown */
    void start(String label, long totalBytes);

    void advance(long bytes);

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
