package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * The {@link Http} capability a plugin receives: requests only to origins its {@code net.egress}
 * grants cover, secrets injected only for the host their {@code secret.use} grant names, and every
 * attempt, allowed or denied, reported to the {@link CapabilityAudit} before it happens.
 *
 * <p>Each hop (the request and every redirect, at most {@value #MAX_REDIRECTS}) goes through the
 * same checks:
 * <ol>
 *   <li>the URL is read strictly ({@link HttpTarget}): http or https only, no user information, no
 *       fragment, no percent-encoded host; the host lowercased, IDN to ASCII, trailing dot removed,
 *       and IP literals in any notation (decimal, octal, hex, short, IPv6, IPv4-mapped) read as addresses;</li>
 *   <li>a {@code net.egress} grant must cover its scheme, host and port;</li>
 *   <li>the host name is resolved once with the {@link Resolver}; if any answer is loopback, private,
 *       link-local, unspecified, multicast or the cloud metadata address, the hop is denied unless
 *       that address itself was granted (its IP literal, or {@code localhost} for loopback);</li>
 *   <li>the connection is opened to the first checked answer, never to a second lookup, so DNS
 *       rebinding between check and use is impossible. Java's {@code HttpClient} and
 *       {@code HttpURLConnection} both resolve names themselves and do not let the {@code Host}
 *       header be set, so this class speaks HTTP/1.1 itself over a socket connected to the address
 *       ({@link HttpExchange}); for https the TLS layer is put over that socket with SNI set to the
 *       host name and the certificate verified against the host name.</li>
 * </ol>
 * Redirects are never followed automatically: a {@code Location} is resolved against the hop and
 * checked like a new request; an ungranted target is denied and audited. Secret headers travel only
 * to the scheme, host and port of the original request: they are dropped on a redirect anywhere else.
 * Secret values never appear in audit details or exception messages, and are replaced by
 * {@code [redacted]} wherever a server echoes them back in the response given to the plugin.
 *
 * <p>Thread-safe: an instance holds only immutable configuration.
 */
public final class GrantedHttp implements Http {

    /** The most redirects one {@code send} follows. */
    static final int MAX_REDIRECTS = 5;

    private static final String REDACTED = "[redacted]";

    /** Headers Warden writes itself; a plugin setting them could smuggle a second request or another host. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-connection");

    private final HttpGrants grants;
    private final EgressCheck egress;
    private final CapabilityAudit audit;
    private final SecretSource secrets;
    private final HttpLimits limits;
    private final SSLSocketFactory tls;
    private final Dialer dialer;
    private final boolean originOnly;
    private final List<Permission> effective;
    private final Resolver resolver;

    /**
     * @param effective the plugin's effective permissions; only {@code net.egress} and {@code secret.use} matter here
     * @param audit     where every hop and every secret use is reported
     * @param secrets   the stored secrets
     * @param resolver  the name lookup, called once per hop
     * @param limits    response size and time limits
     */
    public GrantedHttp(List<Permission> effective, CapabilityAudit audit, SecretSource secrets, Resolver resolver,
                       HttpLimits limits) {
        this(effective, audit, secrets, resolver, limits, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** As the public constructor, with the TLS socket factory to use (tests trust their own certificate). */
    GrantedHttp(List<Permission> effective, CapabilityAudit audit, SecretSource secrets, Resolver resolver,
                HttpLimits limits, SSLSocketFactory tls) {
        this(effective, audit, secrets, resolver, limits, tls, Dialer.DIRECT);
    }

    /** As the public constructor, with the TLS socket factory and where connections to checked addresses go (tests). */
    GrantedHttp(List<Permission> effective, CapabilityAudit audit, SecretSource secrets, Resolver resolver,
                HttpLimits limits, SSLSocketFactory tls, Dialer dialer) {
        this(effective, audit, secrets, resolver, limits, tls, dialer, false);
    }

    private GrantedHttp(List<Permission> effective, CapabilityAudit audit, SecretSource secrets, Resolver resolver,
                        HttpLimits limits, SSLSocketFactory tls, Dialer dialer, boolean originOnly) {
        this.originOnly = originOnly;
        this.effective = List.copyOf(effective);
        this.resolver = resolver;
        this.grants = new HttpGrants(List.copyOf(effective));
        this.audit = Objects.requireNonNull(audit, "audit");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.egress = new EgressCheck(grants, resolver, this.audit, HttpTarget::auditTarget);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
    }

    /**
     * As {@link #send}, but a redirect to another origin (scheme, host or port) is refused and audited as such, even
     * where a grant covers it: for a client whose requests carry the person's secrets in plain headers, such as
     * Warden's connection to a plugin's remote MCP server. Its refusals say why (which address a name resolved to),
     * as their reader is the person, not a plugin.
     */
    GrantedHttp originOnly() {
        return new GrantedHttp(effective, audit, secrets, resolver, limits, tls, dialer, true);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a header name is not a token, a value holds a line break or
     *                                  control character, or the request sets a header Warden writes
     *                                  itself ({@code Host}, {@code Content-Length}, {@code Connection}, ...)
     */
    @Override
    public Http.Response send(Http.Request request) throws CapabilityException {
        return exchange(request, (opened, secretValues) -> {
            try (opened) {
                HttpExchange.Raw raw = redact(opened.whole(), secretValues);
                return new Http.Response(raw.status(), raw.headers(), raw.body());
            }
        });
    }

    /**
     * A long-lived response read as it arrives (a {@code text/event-stream}), for Warden's own clients, not plugins:
     * the request passes every check of {@link #send} (grant, one pinned address, restricted ranges, each redirect
     * re-checked), the request's time-out bounds the wait for the response head only, and the body has neither a
     * deadline nor a size limit, so its reader limits what it keeps and ends it by closing it. Secret headers are not
     * redacted from the stream: a caller sends its headers as plain ones and keeps its secrets out of what it reads.
     *
     * @return the response; its body is open until it is closed
     * @throws CapabilityException as {@link #send} throws it
     */
    public Streamed stream(Http.Request request) throws CapabilityException {
        return exchange(request, (opened, secretValues) -> {
            try {
                HttpExchange.Raw head = opened.head();
                return new Streamed(head.status(), head.headers(), opened.stream(), opened);
            } catch (CapabilityException | RuntimeException e) {
                opened.close();
                throw e;
            }
        });
    }

    /**
     * A response whose body is still arriving; closing it closes the connection, which also ends a read in progress.
     *
     * @param status  the HTTP status
     * @param headers the headers by lower-case name
     * @param body    the body as it arrives, de-chunked
     */
    public record Streamed(int status, Map<String, List<String>> headers, java.io.InputStream body,
                           AutoCloseable connection) implements AutoCloseable {

        @Override
        public void close() {
            try {
                connection.close();
            } catch (Exception e) {
                // the connection is gone either way
            }
        }
    }

    /** What is done with the response at the end of the redirects. */
    @FunctionalInterface
    private interface LastHop<T> {
        T take(HttpExchange.Opened opened, Set<String> secretValues) throws CapabilityException;
    }

    private <T> T exchange(Http.Request request, LastHop<T> last) throws CapabilityException {
        Objects.requireNonNull(request, "request");
        List<Map.Entry<String, String>> plain = plainHeaders(request);
        long budget = Math.min(request.timeout().toNanos(), limits.maxTotal().toNanos());
        HttpExchange exchange = new HttpExchange(tls, dialer, limits, System.nanoTime() + budget);

        HttpTarget first = target(request.url());
        SecretHeaders secret = secretHeaders(request, first);
        Map<String, String> secretLines = secret.lines();
        Set<String> secretValues = secret.values();

        HttpTarget hop = first;
        String method = request.method();
        byte[] body = request.body();
        for (int redirects = 0; ; redirects++) {
            boolean withSecrets = hop.sameOrigin(first) && !secretLines.isEmpty();
            InetAddress address = checkedAddress(hop);
            audit.record(PermissionKind.NET_EGRESS, hop.auditTarget(), true, describe(redirects, method, address,
                    withSecrets ? secretNames(request) : "", !withSecrets && !secretLines.isEmpty()));
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            for (Map.Entry<String, String> header : plain) {
                boolean replaced = withSecrets && secretLines.keySet().stream().anyMatch(header.getKey()::equalsIgnoreCase);
                boolean staleType = body.length == 0 && header.getKey().equalsIgnoreCase("content-type");
                if (!replaced && !staleType) {
                    lines.add(header);
                }
            }
            if (withSecrets) {
                secretLines.forEach((name, value) -> lines.add(new AbstractMap.SimpleImmutableEntry<>(name, value)));
            }
            HttpExchange.Opened opened = exchange.open(hop, address, method, lines, body);
            HttpExchange.Raw raw = redact(opened.head(), secretValues);
            Optional<String> location = raw.header("location");
            if (!isRedirect(raw.status()) || location.isEmpty()) {
                return last.take(opened, secretValues);
            }
            opened.close();
            if (redirects == MAX_REDIRECTS) {
                throw new CapabilityException.LimitExceeded("more than " + MAX_REDIRECTS + " redirects from " + first.origin());
            }
            String next = redirectUrl(hop, location.get());
            if (originOnly && !sameOrigin(first, next)) {
                audit.record(PermissionKind.NET_EGRESS, HttpTarget.refusedTarget(next), false,
                        "a redirect from " + first.origin() + " to another origin");
                throw new CapabilityException("refused a redirect from " + first.origin() + " to another origin ("
                        + HttpTarget.refusedTarget(next) + ")");
            }
            hop = target(next);
            if (raw.status() == 303 && !method.equals("HEAD")
                    || (raw.status() == 301 || raw.status() == 302) && method.equals("POST")) {
                method = "GET";
                body = new byte[0];
            }
        }
    }

    /** Reads the URL and checks its origin against the grants; audits and throws on refusal. */
    private HttpTarget target(String url) {
        try {
            return egress.allowedTarget(url);
        } catch (EgressCheck.Refused e) {
            if (originOnly) {
                throw new PermissionDeniedException(PermissionKind.NET_EGRESS.id(), e.target() + " (" + e.reason() + ")");
            }
            throw new PermissionDeniedException(PermissionKind.NET_EGRESS.id(), e.target());
        }
    }

    /** Resolves the host once and checks every answer; returns the address to connect to. */
    private InetAddress checkedAddress(HttpTarget target) throws CapabilityException {
        try {
            return egress.checkedAddress(target);
        } catch (EgressCheck.Refused e) {
            if (e.unknownHost()) {
                throw new CapabilityException("unknown host " + target.host());
            }
            if (originOnly) {
                throw new CapabilityException("Warden refused to connect to " + e.target() + ": " + e.reason());
            }
            throw new PermissionDeniedException(PermissionKind.NET_EGRESS.id(), e.target());
        }
    }

    /** The secret headers of one request: the lines to send, and the bare values to keep out of responses. */
    private record SecretHeaders(Map<String, String> lines, Set<String> values) {
    }

    /** Looks up each secret header's value; audits each secret use and throws if one is not granted for this host. */
    private SecretHeaders secretHeaders(Http.Request request, HttpTarget target) throws CapabilityException {
        Map<String, String> lines = new LinkedHashMap<>();
        Set<String> values = new LinkedHashSet<>();
        for (Http.Request.SecretHeader header : request.secretHeaders()) {
            String name = header.secret().name();
            String scope = "secret:" + name + "@" + target.host() + ":" + target.port();
            if (!grants.allowsSecret(name, target)) {
                audit.record(PermissionKind.SECRET_USE, scope, false, "no secret.use grant for this host");
                throw new PermissionDeniedException(PermissionKind.SECRET_USE.id(), scope);
            }
            checkHeaderName(header.name());
            String value = secrets.value(name).orElseThrow(() -> new CapabilityException("secret '" + name
                    + "' is granted but not stored; run: warden secret set " + name));
            String line = header.prefix() + value;
            if (!isHeaderValue(line)) {
                throw new CapabilityException("secret '" + name + "' (with its prefix) cannot be sent as the header "
                        + header.name() + ": it holds line breaks or control characters");
            }
            audit.record(PermissionKind.SECRET_USE, scope, true, "injected as header " + header.name());
            lines.put(header.name(), line);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return new SecretHeaders(lines, values);
    }

    private static String redirectUrl(HttpTarget from, String location) {
        try {
            String next = from.uri().resolve(new URI(location)).toString();
            // a fragment in a Location is the server's own and never sent: drop it rather than refuse the hop
            int hash = next.indexOf('#');
            return hash < 0 ? next : next.substring(0, hash);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return location;
        }
    }

    private static boolean sameOrigin(HttpTarget first, String url) {
        try {
            return HttpTarget.parse(url).sameOrigin(first);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String describe(int redirects, String method, InetAddress address, String secretNames,
                                   boolean secretsDropped) {
        StringBuilder detail = new StringBuilder();
        if (redirects > 0) {
            detail.append("redirect ").append(redirects).append(": ");
        }
        detail.append(method).append(" to ").append(address.getHostAddress());
        if (!secretNames.isEmpty()) {
            detail.append(", with secrets ").append(secretNames);
        }
        if (secretsDropped) {
            detail.append(", secret headers dropped for another origin");
        }
        return detail.toString();
    }

    private static String secretNames(Http.Request request) {
        return String.join(", ", request.secretHeaders().stream().map(h -> h.secret().name()).distinct().toList());
    }

    private static List<Map.Entry<String, String>> plainHeaders(Http.Request request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            checkHeaderName(header.getKey());
            if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the header " + header.getKey() + " is set by Warden, not by plugins");
            }
            if (!isHeaderValue(header.getValue())) {
                throw new IllegalArgumentException("the value of header " + header.getKey()
                        + " holds a line break or control character");
            }
            headers.add(Map.entry(header.getKey(), header.getValue()));
        }
        return headers;
    }

    /**
     * What {@link #send} would refuse in a header, told before any request is made (for a declaration the person
     * reviews); the reason repeats neither the name nor the value, which may be a secret.
     *
     * @return why the header cannot be sent: its name is not an HTTP token, Warden writes it itself ({@code Host},
     *         {@code Content-Length}, ...), or its value holds a line break or control character; empty if it can
     */
    public static Optional<String> headerProblem(String name, String value) {
        if (!isToken(name)) {
            return Optional.of("its name is not an HTTP token");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("Warden writes it itself (a header set by a plugin could smuggle a second request or another host)");
        }
        if (!isHeaderValue(value)) {
            return Optional.of("its value holds a line break or control character");
        }
        return Optional.empty();
    }

    /**
     * What {@link #send} would refuse in a URL before any lookup: not http(s), no host, user information, a
     * fragment, a percent-encoded host.
     *
     * @return why, in words fit for the audit log (no user information); empty if the URL is read
     */
    public static Optional<String> urlProblem(String url) {
        try {
            HttpTarget.parse(url);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @return whether the URL names this machine itself: {@code localhost} or a loopback IP literal; false if it cannot be read */
    public static boolean namesLoopback(String url) {
        try {
            HttpTarget target = HttpTarget.parse(url);
            return target.host().equals("localhost") || target.literal().map(InetAddress::isLoopbackAddress).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static void checkHeaderName(String name) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("header name " + name + " is not an HTTP token");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the header " + name + " is set by Warden, not by plugins");
        }
    }

    private static boolean isHeaderValue(String value) {
        return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff);
    }

    private static HttpExchange.Raw redact(HttpExchange.Raw raw, Set<String> secretValues) {
        if (secretValues.isEmpty()) {
            return raw;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        raw.headers().forEach((name, values) -> headers.put(name, values.stream().map(v -> {
            String clean = v;
            for (String secret : secretValues) {
                clean = clean.replace(secret, REDACTED);
            }
            return clean;
        }).toList()));
        byte[] body = raw.body();
        for (String secret : secretValues) {
            body = replace(body, secret.getBytes(StandardCharsets.UTF_8));
            body = replace(body, secret.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new HttpExchange.Raw(raw.status(), headers, body);
    }

    private static byte[] replace(byte[] data, byte[] needle) {
        byte[] with = REDACTED.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int i = 0;
        outer:
        while (i < data.length) {
            if (i + needle.length <= data.length) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        out.write(data[i]);
                        i++;
                        continue outer;
                    }
                }
                out.write(with, 0, with.length);
                i += needle.length;
            } else {
                out.write(data[i]);
                i++;
            }
        }
        return out.toByteArray();
    }
}
