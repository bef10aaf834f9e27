package dev.warden.manager.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** A test MCP server's standard input, which says when the client has closed it: the server then exits. */
final class ClosingStdin extends FilterInputStream {

    private final CountDownLatch ended = new CountDownLatch(1);

    ClosingStdin() {
        super(System.in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            ended.countDown();
        }
        return n;
    }

    /** Waits until the client closes standard input. */
    void awaitClosed() throws InterruptedException {
        ended.await();
    }
}
