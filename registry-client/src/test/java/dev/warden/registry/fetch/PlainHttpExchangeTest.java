package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the plain-http exchange adds to the tests it shares with the JDK's client (HttpFetcherTest). */
class PlainHttpExchangeTest {

    private static FetchedBytes fetch(RawHttpServer.Script script) throws Exception {
        try (RawHttpServer server = new RawHttpServer(script)) {
            return Fetchers.open(server.base(), TestSettings.withRetries(0)).fetch("f.json", 1000, Optional.empty());
        }
    }

    private static FetchException failure(RawHttpServer.Script script) {
        return catchThrowableOfType(FetchException.class, () -> fetch(script));
    }

    private static void write(java.io.OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void aPlainHttpLocationWithoutProxyIsFetchedWithoutTheJdkClientsThreads() throws Exception {
        Set<String> before = threadNames();

        FetchedBytes fetched = fetch(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));

        assertThat(fetched.bytes()).asString().isEqualTo("{}");
        Set<String> started = threadNames();
        started.removeAll(before);
        assertThat(started).noneMatch(name -> name.startsWith("HttpClient-"));
    }

    @Test
    void onlyPlainHttpReachedWithoutAProxyTakesTheSocketOfItsOwn() {
        URI http = URI.create("http://127.0.0.1:8080/repo/");
        assertThat(HttpFetcher.isDirectHttp(http, null)).isTrue();
        assertThat(HttpFetcher.isDirectHttp(http, selecting(Proxy.NO_PROXY))).isTrue();
        assertThat(HttpFetcher.isDirectHttp(http, selecting(new Proxy(Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved("proxy.example", 3128))))).isFalse();
        assertThat(HttpFetcher.isDirectHttp(URI.create("https://example.com/repo/"), selecting(Proxy.NO_PROXY))).isFalse();
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        FetchedBytes fetched = fetch(out -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nETag: \"e1\"\r\n\r\n"
                + "3;name=value\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n"));

        assertThat(fetched.bytes()).asString().isEqualTo("abc0123456789");
        assertThat(fetched.etag()).contains("\"e1\"");
    }

    @Test
    void skipsAnInformationalResponseBeforeTheAnswer() throws Exception {
        FetchedBytes fetched = fetch(out -> write(out, "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\ndone"));

        assertThat(fetched.bytes()).asString().isEqualTo("done");
    }

    @Test
    void reportsAChunkCutShortByTheConnectionAsTruncated() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly some"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TRUNCATED);
        assertThat(e.getMessage()).contains("f.json: the connection ended after 9 bytes of the body");
    }

    @Test
    void refusesAChunkLongerThanItsSize() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.TRUNCATED);
        assertThat(e.getMessage()).contains("a chunk is longer than its size says");
    }

    @Test
    void refusesAChunkSizeWithASignOrLeadingSpace() {
        for (String size : new String[] {"-1", "+a", " 3", "0x3"}) {
            FetchException e = failure(out -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + size + "\r\nabc\r\n0\r\n\r\n"));

            assertThat(e).as(size).isNotNull();
            assertThat(e.getMessage()).as(size).contains("not a chunk size");
        }
    }

    @Test
    void refusesAStatusCodeBelow100InsteadOfSkippingIt() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 000 Nothing\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));

        assertThat(e.getMessage()).contains("not an HTTP/1 status line");
    }

    @Test
    void refusesARedirectToALocationTooLongToRequestRatherThanBlockOnSendingIt() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 302 Found\r\nLocation: /" + "\u00e9".repeat(3000)
                + "\r\nContent-Length: 0\r\n\r\n"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_PATH);
        assertThat(e.getMessage()).contains("more than the 8192 Warden sends");
        assertThat(e.getMessage().length()).isLessThan(400);
    }

    @Test
    void refusesAResponseHeadLongerThanTheLimit() {
        FetchException e = failure(out -> {
            write(out, "HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 2000; i++) {
                write(out, "X-Filler-" + i + ": " + "y".repeat(40) + "\r\n");
            }
        });

        assertThat(e.kind()).isEqualTo(FetchException.Kind.NETWORK);
        assertThat(e.getMessage()).contains("the connection failed before a response", "longer than");
    }

    @Test
    void refusesAFoldedHeaderLine() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: 0\r\n\r\n"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.NETWORK);
        assertThat(e.getMessage()).contains("not a header field");
    }

    @Test
    void refusesATransferCodingItDoesNotRead() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("transfer coding \"gzip\"");
    }

    @Test
    void refusesContentLengthsThatDisagree() {
        FetchException e = failure(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("Content-Length \"3\"");
    }

    @Test
    void sendsThePathAndQueryAsCheckedWithTheHostAndTheValidator() {
        byte[] request = PlainHttpExchange.request(URI.create("http://127.0.0.1:8080/repo/a%20b.json?x=1"),
                Optional.of("\"v1\""));

        assertThat(new String(request, StandardCharsets.US_ASCII)).isEqualTo("GET /repo/a%20b.json?x=1 HTTP/1.1\r\n"
                + "Host: 127.0.0.1:8080\r\nUser-Agent: warden/0.1\r\nIf-None-Match: \"v1\"\r\n\r\n");
    }

    @Test
    void refusesAValidatorThatWouldStartAnotherHeaderLine() {
        assertThatThrownBy(() -> PlainHttpExchange.request(URI.create("http://h/x"), Optional.of("\"a\"\r\nX-Injected: 1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ProxySelector selecting(Proxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
    }

    private static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                names.add(thread.getName());
            }
        }
        return names;
    }
}
