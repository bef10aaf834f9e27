package dev.warden.manager.gateway;

/**
 * Where {@code warden serve} meets the JVM's shutdown: a gateway is closed when its serving ends and also when the JVM
 * is told to stop (SIGTERM, Ctrl-C), and the JVM does not end before that close has finished, whoever started it.
 *
 * <p>Both can happen at once: a client that ends Warden often closes its end of standard input and sends SIGTERM
 * together (Java's {@code Process.destroy} does), so serving ends while the JVM begins to stop. A hook removed as
 * serving ended would then let the JVM end in the middle of the close, before every audit entry is written.
 */
final class ServedUntilStopped {

    /** Serving, until its client goes away or it is closed. */
    @FunctionalInterface
    interface Serving {
        void run() throws InterruptedException;
    }

    private ServedUntilStopped() {
    }

    /**
     * Runs {@code serving}, then {@code close}; a stopping JVM runs {@code close} as well.
     *
     * @param close the gateway's close: synchronized and idempotent, so that a second close waits for the first
     * @throws InterruptedException if serving is interrupted (the gateway is closed all the same)
     */
    static void run(Runnable close, Serving serving) throws InterruptedException {
        Thread hook = new Thread(close, "warden-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            serving.run();
        } finally {
            close.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException stopping) {
                // the JVM is stopping: the hook's close has waited for this one, or finds it done
            }
        }
    }
}
