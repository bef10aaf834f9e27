package dev.warden.manager.gateway;

import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden serve} over standard input and output, the way MCP clients (Claude Desktop, Claude Code, IDEs)
 * start a local server: the client writes requests to Warden's standard input and reads answers from its
 * standard output; Warden's own messages go to standard error. It serves until the client closes its end.
 */
public final class StdioGateway {

    private StdioGateway() {
    }

    /**
     * Starts a gateway no client is connected to, for calls Warden makes itself ({@link Gateway#call(String, java.util.Map)});
     * closing it stops the plugins and their servers.
     *
     * @param report where Warden's own messages go
     */
    public static Gateway withoutClient(Lifecycle lifecycle, CapabilityBroker broker, Gateway.Settings settings,
                                        Consumer<String> report) {
        // input that never ends: the session waits, on a daemon thread, for a client that never comes
        InputStream never = new InputStream() {
            @Override
            public int read() throws InterruptedIOException {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new InterruptedIOException("no client");
            }
        };
        LeanStdioTransport transport = new LeanStdioTransport(new JacksonMcpJsonMapper(JsonMapper.builder().build()), never,
                OutputStream.nullOutputStream(), LeanStdioTransport.MAX_LINE, report);
        return Gateway.start(lifecycle, broker, transport, settings, report);
    }

    /**
     * Serves until {@code in} ends, or the JVM is told to stop (SIGTERM); either way every plugin and server is stopped
     * and every audit entry written before this returns or the JVM ends.
     *
     * @param report where Warden's own messages go; never {@code out}
     */
    public static void serve(Lifecycle lifecycle, CapabilityBroker broker, Gateway.Settings settings, Consumer<String> report,
                             InputStream in, OutputStream out) throws InterruptedException {
        // Warden's own transport, not the SDK's: it answers without a thread hand-off per message (PERFORMANCE.md).
        LeanStdioTransport transport = new LeanStdioTransport(new JacksonMcpJsonMapper(JsonMapper.builder().build()), in, out,
                LeanStdioTransport.MAX_LINE, report);
        Gateway gateway = Gateway.start(lifecycle, broker, transport, settings, report);
        ServedUntilStopped.run(gateway::close, () -> {
            report.accept("warden: serving " + gateway.running().size() + " plugin(s) over stdio; close standard input to stop");
            transport.awaitEnd();
        });
    }
}
