package dev.warden.manager.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the browser brings the person back after signing in: {@code http://127.0.0.1:<free port>/callback}, listening
 * for one answer only. The answer must carry the sign-in's {@code state}, and the issuer's {@code iss} (RFC 9207)
 * where it carries one, or always where the server said it sends one; the browser is told in a short plain page
 * whether it worked.
 */
final class LoopbackRedirect implements AutoCloseable {

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> answer = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 on a port the system picks. */
    static LoopbackRedirect open() throws AuthException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw AuthException.error("could not listen on 127.0.0.1 for the browser's answer: " + e.getMessage());
        }
        LoopbackRedirect redirect = new LoopbackRedirect(server);
        server.createContext("/callback", redirect::answer);
        server.start();
        return redirect;
    }

    /** @return the redirect URI to register and send */
    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = query(exchange.getRequestURI());
        // a request without state is no answer to a sign-in (a probe, a prefetch): it does not use up the listener
        boolean first = exchange.getRequestMethod().equals("GET") && parameters.containsKey("state")
                && answer.complete(parameters);
        String text = first ? "Warden received the answer of your sign-in. You can close this page and go back to"
                + " the terminal.\n" : "This is not the answer Warden waits for, or it came already.\n";
        byte[] page = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(first ? 200 : 400, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    /**
     * Waits for the browser's answer.
     *
     * @return the authorization code
     * @throws AuthException if none came within {@code wait}, or it is an error, or its {@code state} or
     *                       {@code iss} is not the one expected
     */
    String code(Duration wait, String state, AuthorizationServer issuer) throws AuthException {
        Map<String, String> parameters;
        try {
            parameters = answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw AuthException.error("no answer from the browser within " + wait.toSeconds() + " s: sign in at the"
                    + " address shown, or run the command again");
        } catch (ExecutionException e) {
            throw AuthException.error("the browser's answer could not be read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthException.error("interrupted while waiting for the browser's answer");
        }
        if (!state.equals(parameters.get("state"))) {
            throw AuthException.refused("the browser's answer does not carry this sign-in's state: it is not the"
                    + " answer to Warden's request, and was not used");
        }
        String iss = parameters.get("iss");
        if (iss == null && issuer.issRequired()) {
            throw AuthException.refused("the browser's answer has no iss, which " + AuthHttp.shown(issuer.issuer())
                    + " says it always sends (RFC 9207): it was not used");
        }
        if (iss != null && !iss.equals(issuer.issuer())) {
            throw AuthException.refused("the browser's answer comes from the issuer '" + AuthHttp.shown(iss) + "', not"
                    + " from " + AuthHttp.shown(issuer.issuer()) + " (RFC 9207): it was not used");
        }
        if (parameters.containsKey("error")) {
            throw AuthException.refused("the authorization server refused the sign-in: "
                    + AuthHttp.shown(parameters.get("error")) + (parameters.containsKey("error_description")
                    ? " (" + AuthHttp.shown(parameters.get("error_description")) + ")" : ""));
        }
        String code = parameters.get("code");
        if (code == null || code.isEmpty()) {
            throw AuthException.refused("the browser's answer carries no authorization code");
        }
        return code;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
