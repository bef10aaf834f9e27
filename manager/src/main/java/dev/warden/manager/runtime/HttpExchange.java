package dev.warden.manager.runtime;

import dev.warden.api.capability.CapabilityException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request and response over a socket opened to an address {@link GrantedHttp} has
 * already checked. The socket connects to that address and nothing else, so a name cannot be looked
 * up again and rebound between the check and the connection; the name only travels in the
 * {@code Host} header and, for https, in SNI and the certificate's hostname verification.
 */
final class HttpExchange {

    /** The response head and body as read, header names lowercase, in arrival order. */
    record Raw(int status, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final SSLSocketFactory tls;
    private final Dialer dialer;
    private final HttpLimits limits;
    private final long deadline;

    /**
     * @param tls      makes the TLS layer over the pinned socket for https
     * @param dialer   where a connection to a checked address goes
     * @param limits   the response size and connect limits
     * @param deadline {@link System#nanoTime} by which the whole exchange must be done
     */
    HttpExchange(SSLSocketFactory tls, Dialer dialer, HttpLimits limits, long deadline) {
        this.tls = tls;
        this.dialer = dialer;
        this.limits = limits;
        this.deadline = deadline;
    }

    /**
     * @param target  where the request goes; supplies the {@code Host} header, SNI and request line
     * @param address the checked address to connect to
     * @param method  the method
     * @param headers header lines to send, already validated, without Host, Content-Length and Connection
     * @param body    the body, empty for none
     * @return the response
     * @throws CapabilityException.LimitExceeded if the response is too large or the deadline passes
     * @throws CapabilityException    if the connection or the exchange fails
     */
    Raw run(HttpTarget target, InetAddress address, String method, List<Map.Entry<String, String>> headers, byte[] body)
            throws CapabilityException {
        try (Opened opened = open(target, address, method, headers, body)) {
            return opened.whole();
        }
    }

    /**
     * Sends the request and reads the response head; the body is read from the result, which must be closed.
     *
     * @throws CapabilityException.LimitExceeded if the head does not arrive before the deadline or is too large
     * @throws CapabilityException    if the connection or the exchange fails
     */
    Opened open(HttpTarget target, InetAddress address, String method, List<Map.Entry<String, String>> headers,
                byte[] body) throws CapabilityException {
        String where = target.origin() + " (" + address.getHostAddress() + ")";
        Socket plain = new Socket();
        try {
            try {
                long connectMillis = Math.min(limits.connectTimeout().toMillis(), remainingMillis(where));
                plain.connect(dialer.address(address, target.port()), (int) Math.max(1, connectMillis));
            } catch (SocketTimeoutException e) {
                throw new CapabilityException("could not connect to " + where + ": no answer in time", e);
            }
            Socket open = target.scheme().equals("https") ? secure(plain, target) : plain;
            open.setSoTimeout((int) remainingMillis(where));
            OutputStream out = open.getOutputStream();
            out.write(head(target, method, headers, body).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            DeadlineInput timed = new DeadlineInput(open);
            InputStream in = new BufferedInputStream(timed);
            return new Opened(open, timed, in, head(in, where), method, where);
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            throw new CapabilityException.LimitExceeded("no complete answer from " + where + " within the time limit");
        } catch (IOException e) {
            closeQuietly(plain);
            throw new CapabilityException("exchange with " + where + " failed: " + e.getMessage(), e);
        } catch (CapabilityException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was read from it, and nothing more will be
        }
    }

    /** A response whose head is read; its body is read whole ({@link #whole}) or as a stream ({@link #stream}). */
    final class Opened implements AutoCloseable {
        private final Socket socket;
        private final DeadlineInput timed;
        private final InputStream in;
        private final Raw head;
        private final String method;
        private final String where;

        private Opened(Socket socket, DeadlineInput timed, InputStream in, Raw head, String method, String where) {
            this.socket = socket;
            this.timed = timed;
            this.in = in;
            this.head = head;
            this.method = method;
            this.where = where;
        }

        /** @return the status and headers, with an empty body */
        Raw head() {
            return head;
        }

        /** @return the response with its whole body, within the size limit and the deadline */
        Raw whole() throws CapabilityException {
            if (method.equals("HEAD") || head.status() == 204 || head.status() == 304) {
                return head;
            }
            try {
                return new Raw(head.status(), head.headers(), body(in, head, where));
            } catch (SocketTimeoutException e) {
                throw new CapabilityException.LimitExceeded("no complete answer from " + where + " within the time limit");
            } catch (IOException e) {
                throw new CapabilityException("exchange with " + where + " failed: " + e.getMessage(), e);
            }
        }

        /**
         * The body as it arrives, de-chunked, with no deadline and no size limit: for a long-lived stream, whose
         * reader limits each of its parts and ends it by closing this.
         *
         * @throws CapabilityException if the response uses a transfer encoding other than chunked
         */
        InputStream stream() throws CapabilityException {
            timed.unbounded = true;
            Optional<String> encoding = head.header("transfer-encoding");
            if (encoding.isEmpty()) {
                return in;
            }
            if (!encoding.get().equalsIgnoreCase("chunked")) {
                throw new CapabilityException(where + " used an unsupported transfer encoding");
            }
            return new ChunkedInput(in, where);
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }
    private Socket secure(Socket plain, HttpTarget target) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(plain, target.host().replace("[", "").replace("]", ""),
                target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        // verify the certificate against the name the plugin asked for, not the address we pinned
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (target.literal().isEmpty()) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        ssl.startHandshake();
        return ssl;
    }

    private static String head(HttpTarget target, String method, List<Map.Entry<String, String>> headers, byte[] body) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target.requestTarget()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(target.hostHeader()).append("\r\n");
        for (Map.Entry<String, String> header : headers) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString();
    }

    private static Raw head(InputStream in, String where) throws IOException, CapabilityException {
        int[] headBytes = {0};
        while (true) {
            String statusLine = line(in, headBytes, where);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3
                    || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new CapabilityException(where + " did not answer with HTTP/1.x");
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(in, headBytes, where); !line.isEmpty(); line = line(in, headBytes, where)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new CapabilityException(where + " sent a malformed header line");
                }
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            if (status >= 100 && status < 200) {
                continue; // an interim answer; the real one follows
            }
            return new Raw(status, headers, new byte[0]);
        }
    }

    /** An input read in blocks, whose single-byte read is a block of one. */
    private abstract static class BlockInput extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A chunked body as the bytes it carries; trailers are read and dropped. */
    private static final class ChunkedInput extends BlockInput {
        private final InputStream in;
        private final String where;
        private long left;
        private boolean ended;

        ChunkedInput(InputStream in, String where) {
            this.in = in;
            this.where = where;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                if (ended) {
                    return -1;
                }
                if (left == 0) {
                    int[] lineBytes = {0};
                    left = chunkSize(line(in, lineBytes, where), where);
                    if (left == 0) {
                        while (!line(in, lineBytes, where).isEmpty()) {
                            // trailers are read and dropped
                        }
                        ended = true;
                        return -1;
                    }
                }
                int n = in.read(buffer, offset, (int) Math.min(length, left));
                if (n < 0) {
                    throw new IOException(where + " closed the connection in the middle of a chunk");
                }
                left -= n;
                if (left == 0 && !line(in, new int[] {0}, where).isEmpty()) {
                    throw new IOException(where + " sent a malformed chunk");
                }
                return n;
            } catch (CapabilityException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    private static long chunkSize(String sizeLine, String where) throws CapabilityException {
        int semi = sizeLine.indexOf(';');
        long size;
        try {
            size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
        } catch (NumberFormatException e) {
            throw new CapabilityException(where + " sent a malformed chunk size");
        }
        if (size < 0) {
            throw new CapabilityException(where + " sent a malformed chunk size");
        }
        return size;
    }

    private byte[] body(InputStream in, Raw head, String where) throws IOException, CapabilityException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Optional<String> encoding = head.header("transfer-encoding");
        if (encoding.isPresent()) {
            if (!encoding.get().equalsIgnoreCase("chunked")) {
                throw new CapabilityException(where + " used an unsupported transfer encoding");
            }
            int[] lineBytes = {0};
            while (true) {
                long size = chunkSize(line(in, lineBytes, where), where);
                if (size == 0) {
                    while (!line(in, lineBytes, where).isEmpty()) {
                        // trailers are read and dropped
                    }
                    return body.toByteArray();
                }
                copy(in, body, size, where);
                if (!line(in, lineBytes, where).isEmpty()) {
                    throw new CapabilityException(where + " sent a malformed chunk");
                }
            }
        }
        Optional<String> length = head.header("content-length");
        if (length.isPresent()) {
            long size;
            try {
                size = Long.parseLong(length.get());
            } catch (NumberFormatException e) {
                throw new CapabilityException(where + " sent a malformed Content-Length");
            }
            if (size < 0) {
                throw new CapabilityException(where + " sent a malformed Content-Length");
            }
            copy(in, body, size, where);
            return body.toByteArray();
        }
        copy(in, body, Long.MAX_VALUE, where);
        return body.toByteArray();
    }

    /** Copies {@code size} bytes, or up to the end of the stream when size is {@code Long.MAX_VALUE}. */
    private void copy(InputStream in, ByteArrayOutputStream body, long size, String where)
            throws IOException, CapabilityException {
        byte[] buffer = new byte[8192];
        long left = size;
        while (left > 0) {
            if (size != Long.MAX_VALUE && body.size() + left > limits.maxResponseBytes()) {
                throw tooLarge(where);
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (size == Long.MAX_VALUE) {
                    return;
                }
                throw new CapabilityException(where + " closed the connection before the whole body arrived");
            }
            if (body.size() + n > limits.maxResponseBytes()) {
                throw tooLarge(where);
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    private CapabilityException.LimitExceeded tooLarge(String where) {
        return new CapabilityException.LimitExceeded("the response from " + where + " is larger than the limit of "
                + limits.maxResponseBytes() + " bytes");
    }

    private static String line(InputStream in, int[] count, String where) throws IOException, CapabilityException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new CapabilityException(where + " closed the connection in the middle of the response head");
            }
            if (++count[0] > MAX_HEAD_BYTES) {
                throw new CapabilityException.LimitExceeded("the response head from " + where + " is larger than "
                        + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
    }

    private long remainingMillis(String where) throws CapabilityException.LimitExceeded {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new CapabilityException.LimitExceeded("no complete answer from " + where + " within the time limit");
        }
        return left;
    }

    /** Shrinks the socket's read timeout to what is left before the deadline, so a slow drip cannot outlast it. */
    private final class DeadlineInput extends BlockInput {
        private final Socket socket;
        private final InputStream in;
        /** Set once a long-lived stream is handed out: its reader ends it by closing the socket. */
        private volatile boolean unbounded;

        DeadlineInput(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (unbounded) {
                socket.setSoTimeout(0);
                return in.read(buffer, offset, length);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            return in.read(buffer, offset, length);
        }
    }
}
