package dev.warden.manager.gateway;

import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
     * Serves until {@code in} ends.
     *
     * @param report where Warden's own messages go; never {@code out}
     */
    public static void serve(Lifecycle lifecycle, CapabilityBroker broker, Gateway.Settings settings, Consumer<String> report,
                             InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(
                new JacksonMcpJsonMapper(JsonMapper.builder().build()), watched, out);
        try (Gateway gateway = Gateway.start(lifecycle, broker, transport, settings, report)) {
            report.accept("warden: serving " + gateway.running().size() + " plugin(s) over stdio; close standard input to stop");
            closed.await();
        }
    }
}
