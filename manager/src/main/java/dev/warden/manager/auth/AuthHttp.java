package dev.warden.manager.auth;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.runtime.HttpAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Warden's own OAuth requests (the probe of the MCP server, metadata, registration, token, revocation). Each goes to
 * an https URL, or an http URL whose host is this machine, and never to a link-local or cloud-metadata address;
 * no redirect is followed (an answer of 3xx is an answer like any other, which the caller refuses).
 *
 * <p>Java's client looks the name up again when it connects, so a name that answers differently between the check
 * and the connection is not caught; the names are those of the authorization server the person approved, and the
 * tokens they carry go to that server anyway.
 */
public final class AuthHttp {

    /** The most of an answer read: metadata and token answers are small. */
    static final int MAX_BODY = 256 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** One answer: its status, headers and (at most {@link #MAX_BODY} bytes of) body. */
    record Answer(URI uri, int status, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        boolean ok() {
            return status / 100 == 2;
        }

        /** @return the body as a JSON object, or a failure naming {@code what} and where it came from */
        JsonNode json(String what) throws AuthException {
            try {
                JsonNode node = StrictJson.standard().read(body);
                if (node.isObject()) {
                    return node;
                }
            } catch (StrictJsonException e) {
                // said below, without the body, which may hold anything
            }
            throw AuthException.refused(what + " at " + shown(uri) + " is not a JSON object");
        }
    }

    /**
     * @param what the URL's role, for the message ("the token endpoint")
     * @return the URL, if Warden may send OAuth requests to it
     * @throws AuthException naming the role and the rule the URL breaks
     */
    static URI checked(String what, String url) throws AuthException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw AuthException.refused(what + " '" + shown(url) + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw AuthException.refused(what + " '" + shown(url) + "' is not an http(s) URL with a host and without"
                    + " user or fragment");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopbackHost(uri.getHost()))) {
            throw AuthException.refused(what + " '" + shown(url) + "' is not https: OAuth requests go over https, or"
                    + " over http only to this machine (127.0.0.1, ::1, localhost)");
        }
        return uri;
    }

    private static boolean isLoopbackHost(String host) {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return name.equals("127.0.0.1") || name.equals("::1") || name.equalsIgnoreCase("localhost");
    }

    Answer get(URI uri) throws AuthException {
        return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"));
    }

    /** Posts {@code form} as {@code application/x-www-form-urlencoded}. */
    Answer postForm(URI uri, Map<String, String> form) throws AuthException {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts {@code json} with the {@code Accept} header given. */
    Answer postJson(URI uri, String json, String accept) throws AuthException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Answer send(HttpRequest.Builder request) throws AuthException {
        HttpRequest built = request.timeout(TIMEOUT).build();
        URI uri = built.uri();
        checkAddresses(uri);
        try {
            HttpResponse<InputStream> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    throw AuthException.refused(shown(uri) + " answered with more than " + MAX_BODY + " bytes");
                }
                return new Answer(uri, response.statusCode(), response.headers().map(), body);
            }
        } catch (IOException e) {
            throw AuthException.error("could not reach " + shown(uri) + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : UnsafeCharacters.escape(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthException.error("interrupted while waiting for " + shown(uri));
        }
    }

    /** Refuses a host that is, or resolves to, a link-local or metadata address, and http to anything but loopback. */
    private static void checkAddresses(URI uri) throws AuthException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw AuthException.error("could not reach " + shown(uri) + ": its host name is unknown");
        }
        boolean plain = uri.getScheme().equalsIgnoreCase("http");
        for (InetAddress address : addresses) {
            Optional<String> range = HttpAddresses.restrictedRange(address);
            String kind = range.orElse("public");
            if (kind.equals("cloud metadata") || kind.equals("link-local") || kind.equals("unspecified")
                    || kind.equals("multicast") || kind.equals("broadcast") || plain && !kind.equals("loopback")) {
                throw AuthException.refused(shown(uri) + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address: Warden sends no OAuth request there");
            }
        }
    }

    static String shown(Object url) {
        String text = String.valueOf(url);
        int query = text.indexOf('?');
        text = query < 0 ? text : text.substring(0, query);
        return UnsafeCharacters.escape(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
