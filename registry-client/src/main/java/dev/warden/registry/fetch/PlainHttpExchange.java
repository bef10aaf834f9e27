package dev.warden.registry.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Sends one GET over plain http on a socket of its own, for a location reached without a proxy: no TLS
 * set-up, no client threads, one connection per request (closed after it), the body read on the caller's thread straight
 * into the sink. The JDK's client ({@link HttpExchange}) costs a cold process a few hundred milliseconds of
 * class loading and threads before its first byte, which a local or plain-http marketplace never needs.
 * The socket's reads give up every {@value #TICK_MILLIS} ms, so the response, read and total timeouts and
 * the minimum rate are checked as often as the JDK client's exchange checks them, and breaking one closes
 * the connection. Only a host name's lookup is not bounded by them (the JDK client's lookup is not either,
 * though its caller stops waiting).
 *
 * @param settings the timeouts and the minimum rate
 * @param clock    nanoseconds, as {@link System#nanoTime()}
 */
record PlainHttpExchange(FetchSettings settings, LongSupplier clock) implements Exchange {

    static final int TICK_MILLIS = 50;

    /**
     * The longest request sent. The request is written with a blocking write, which no timeout bounds; one this
     * small always fits the socket's send buffer, so a server that never reads cannot hold the write (a redirect
     * to a location of thousands of characters, a path from hostile metadata, is refused instead).
     */
    static final int MAX_REQUEST_BYTES = 8 * 1024;

    @Override
    public Response send(URI uri, Optional<String> etag, long maxBytes, BodySink sink, Deadline deadline)
            throws FetchException {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a plain exchange sends http only, not " + uri.getScheme());
        }
        String url = uri.toASCIIString();
        byte[] request = request(URI.create(url), etag);
        if (request.length > MAX_REQUEST_BYTES) {
            throw ExchangeFailures.requestTooLong(url, request.length, MAX_REQUEST_BYTES);
        }
        Transfer transfer = new Transfer(clock.getAsLong());
        TransferLimits limits = new TransferLimits(uri, settings, deadline);
        try (Socket socket = new Socket()) {
            connect(socket, uri, transfer, limits, deadline);
            socket.setSoTimeout(TICK_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            WatchedInput in = new WatchedInput(socket.getInputStream(), url, transfer, limits, clock);
            ResponseHead head = ResponseHead.read(in);
            transfer.headersArrived(clock.getAsLong());
            if (head.status() == 200) {
                new ResponseBody(url, in, transfer, clock, maxBytes, sink).read(head);
            }
            return new Response(uri, head.status(), head.first("etag"), head.first("location"));
        } catch (IOException e) {
            throw ExchangeFailures.broken(url, transfer.headersAt() >= 0, transfer.bytes(), e);
        }
    }

    /**
     * Connects within the connect timeout, and within what the response timeout and the deadline leave;
     * a wait cut short by one of those fails as that one.
     */
    private void connect(Socket socket, URI uri, Transfer transfer, TransferLimits limits, Deadline deadline)
            throws FetchException {
        String url = uri.toASCIIString();
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        if (address.isUnresolved()) {
            throw ExchangeFailures.unknownHost(url, new UnknownHostException(uri.getHost()));
        }
        long responseLeft = settings.responseTimeout().toNanos() - (clock.getAsLong() - transfer.startedAt());
        long wait = Math.min(settings.connectTimeout().toNanos(), Math.min(responseLeft, deadline.remainingNanos()));
        try {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait / 1_000_000 + 1)));
        } catch (SocketTimeoutException e) {
            throw limits.check(transfer, clock.getAsLong()).orElseGet(() -> ExchangeFailures.connectTimeout(url, e));
        } catch (IOException e) {
            throw ExchangeFailures.noConnection(url, e);
        }
    }

    /**
     * The request's bytes: the path and query as the checked URL spells them, the host, Warden's user agent
     * and the validator.
     *
     * @param uri an http URL in ASCII
     * @throws IllegalArgumentException for a validator with a line break or another control character
     *                                  (as the JDK client refuses one)
     */
    static byte[] request(URI uri, Optional<String> etag) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        StringBuilder request = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() < 0 ? "" : ":" + uri.getPort())
                .append("\r\nUser-Agent: ").append(USER_AGENT).append("\r\n");
        if (etag.isPresent()) {
            String value = etag.get();
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e))) {
                throw new IllegalArgumentException("invalid If-None-Match value: only visible ASCII may be sent");
            }
            request.append("If-None-Match: ").append(value).append("\r\n");
        }
        // No "Connection: close", though the socket is closed after the response: a server that expects to keep
        // the connection frames the body (a length or chunks), so that one cut short is seen to be.
        return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
