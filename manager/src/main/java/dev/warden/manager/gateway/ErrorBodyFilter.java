package dev.warden.manager.gateway;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outermost step of the HTTP gateway: whatever answers a request with an error (the guard, the SDK's servlet,
 * the servlet container), the body the client gets is a JSON-RPC error for a JSON-RPC request, with the request's
 * id, and a short plain text otherwise; never a serialized Java exception. It also refuses bodies over the limit
 * (413) before anything reads them.
 * <p>
 * An error is whatever a later step answers with a status of 400 or more: its body is held back, a message is kept
 * from it when it carries one that names no Java type, and the body is written anew.
 */
final class ErrorBodyFilter implements Filter {

    /** The largest request body read, in bytes: what the stdio transport allows for one line. */
    static final int MAX_BODY = LeanStdioTransport.MAX_LINE;

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INTERNAL_ERROR = -32603;
    /** JSON-RPC's range for server errors starts here; the HTTP status says which refusal it is. */
    static final int SERVER_ERROR = -32000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LONGEST_MESSAGE = 300;

    private final int maxBody;
    private final RequestGuard guard;

    /** @param guard the guard {@link GuardFilter} applies behind this filter; a request it refuses is never read */
    ErrorBodyFilter(int maxBody, RequestGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        if (maxBody <= 0) {
            throw new IllegalArgumentException("maxBody must be positive: " + maxBody);
        }
        this.maxBody = maxBody;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        Call call;
        HttpServletRequest forward = http;
        if ("POST".equalsIgnoreCase(http.getMethod()) && GuardFilter.refusal(guard, http).isPresent()) {
            // Refused by the guard behind: its body is never read, so a page elsewhere or a client without the token
            // cannot make Warden hold up to the limit in memory; the error names no id.
            call = Call.unread(http.getContentType());
        } else if ("POST".equalsIgnoreCase(http.getMethod())) {
            // Refused unread when announced, or as soon as more than the limit has arrived.
            byte[] body = http.getContentLengthLong() > maxBody ? null : http.getInputStream().readNBytes(maxBody + 1);
            if (body == null || body.length > maxBody) {
                write(out, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, Call.unread(http.getContentType()),
                        "the request body is larger than " + maxBody + " bytes");
                return;
            }
            call = Call.of(http.getContentType(), body);
            forward = new BufferedRequest(http, body);
        } else {
            call = Call.plain();
        }
        HeldErrorResponse held = new HeldErrorResponse(out);
        try {
            chain.doFilter(forward, held);
        } catch (IOException | ServletException | RuntimeException e) {
            if (out.isCommitted()) {
                throw e;
            }
            held.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "the server failed to answer this request");
        }
        if (held.status >= 400 && !out.isCommitted()) {
            out.setStatus(held.status);
            write(out, held.status, call, held.message());
        }
    }

    /** Writes an error of {@code status} in the form {@code call} needs; headers set before (WWW-Authenticate) stay. */
    private static void write(HttpServletResponse response, int status, Call call, String message) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        byte[] body;
        if (call.jsonRpc()) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("jsonrpc", "2.0");
            error.set("id", call.id().orElse(null));
            ObjectNode detail = error.putObject("error");
            detail.put("code", call.code(status));
            detail.put("message", message);
            response.setContentType("application/json");
            body = JSON.writeValueAsBytes(error);
        } else {
            response.setContentType("text/plain");
            body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * What kind of request an error answers: a JSON-RPC request (a POSTed JSON body, or one declared JSON that does
     * not parse) with its id if it has one, or anything else.
     */
    private record Call(boolean jsonRpc, boolean unparsable, Optional<JsonNode> id) {

        static Call plain() {
            return new Call(false, false, Optional.empty());
        }

        /** A request whose body was not read: JSON-RPC, without an id, if it says it is JSON. */
        static Call unread(String contentType) {
            return new Call(declaresJson(contentType), false, Optional.empty());
        }

        static Call of(String contentType, byte[] body) {
            boolean declaredJson = declaresJson(contentType);
            JsonNode parsed;
            try {
                parsed = JSON.readTree(body);
            } catch (JacksonException e) {
                return declaredJson ? new Call(true, true, Optional.empty()) : plain();
            }
            if (parsed == null || parsed.isMissingNode() || !(parsed.isObject() || parsed.isArray())) {
                return declaredJson ? new Call(true, true, Optional.empty()) : plain();
            }
            JsonNode id = parsed.isObject() ? parsed.get("id") : null;
            boolean usable = id != null && (id.isString() || id.isIntegralNumber());
            return new Call(true, false, usable ? Optional.of(id) : Optional.empty());
        }

        private static boolean declaresJson(String contentType) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        }

        /** The JSON-RPC error code for an HTTP error {@code status}. */
        int code(int status) {
            if (unparsable) {
                return PARSE_ERROR;
            }
            return switch (status) {
                case 400, 406, 415 -> INVALID_REQUEST;
                case 405 -> METHOD_NOT_FOUND;
                default -> status >= 500 ? INTERNAL_ERROR : SERVER_ERROR;
            };
        }
    }

    /** The request with its body already read, so that it can be read again. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the gateway reads request bodies blocking");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /**
     * Passes a response through until its status says error; from then on its body is held here, and the filter
     * writes the error anew.
     */
    private static final class HeldErrorResponse extends HttpServletResponseWrapper {
        private int status = HttpServletResponse.SC_OK;
        private String sentMessage;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();

        HeldErrorResponse(HttpServletResponse response) {
            super(response);
        }

        private boolean holding() {
            return status >= 400;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            if (!holding()) {
                super.setStatus(sc);
            }
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
            sentMessage = msg;
        }

        @Override
        public void sendError(int sc) {
            sendError(sc, null);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!holding()) {
                return super.getOutputStream();
            }
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("the gateway writes error bodies blocking");
                }

                @Override
                public void write(int b) {
                    held.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    held.write(b, off, len);
                }
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return holding() ? new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8), true)
                    : super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!holding()) {
                super.flushBuffer();
            }
        }

        @Override
        public void setContentLength(int len) {
            if (!holding()) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!holding()) {
                super.setContentLengthLong(len);
            }
        }

        /** The message to give the client: the one sent or held if it is short and names no Java type, else the status's. */
        String message() {
            Optional<String> given = Optional.ofNullable(sentMessage).or(() -> messageIn(held.toByteArray()));
            return given.map(String::strip)
                    .filter(m -> !m.isEmpty() && m.length() <= LONGEST_MESSAGE && !namesJava(m))
                    .orElseGet(() -> reason(status));
        }

        private static Optional<String> messageIn(byte[] body) {
            if (body.length == 0) {
                return Optional.empty();
            }
            try {
                JsonNode node = JSON.readTree(body);
                for (String path : new String[] {"/error/message", "/jsonRpcError/message", "/message"}) {
                    JsonNode message = node.at(path);
                    if (message.isString()) {
                        return Optional.of(message.asString());
                    }
                }
                return Optional.empty();
            } catch (JacksonException e) {
                String text = new String(body, StandardCharsets.UTF_8);
                return text.contains("<") ? Optional.empty() : Optional.of(text);
            }
        }

        private static boolean namesJava(String message) {
            return message.contains("Exception") || message.contains("org.") || message.contains("java.")
                    || message.contains("jetty") || message.contains("Jetty");
        }

        private static String reason(int status) {
            return switch (status) {
                case 400 -> "bad request";
                case 404 -> "not found";
                case 405 -> "method not allowed";
                case 406 -> "the Accept header must allow application/json and text/event-stream";
                case 413 -> "the request body is too large";
                case 415 -> "the Content-Type must be application/json";
                default -> status >= 500 ? "the server failed to answer this request" : "the request was refused";
            };
        }
    }
}
