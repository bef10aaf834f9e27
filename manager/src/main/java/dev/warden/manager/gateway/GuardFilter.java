package dev.warden.manager.gateway;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the {@link RequestGuard} in front of every path of the HTTP gateway: a refused request gets its status and
 * a short JSON-RPC error, and goes no further, so the MCP server never sees it.
 */
final class GuardFilter implements Filter {

    /** JSON-RPC's range for server errors starts here; the HTTP status says which refusal it is. */
    private static final int REFUSED = -32000;

    private final RequestGuard guard;

    GuardFilter(RequestGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<RequestGuard.Refusal> refusal = guard.check(new RequestGuard.Request(http.getRemoteAddr(),
                Optional.ofNullable(http.getHeader("Host")), Optional.ofNullable(http.getHeader("Origin")),
                Optional.ofNullable(http.getHeader("Authorization"))));
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        refuse((HttpServletResponse) response, refusal.get());
    }

    private static void refuse(HttpServletResponse response, RequestGuard.Refusal refusal) throws IOException {
        response.setStatus(refusal.status());
        if (refusal.status() == RequestGuard.Refusal.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"warden\"");
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + REFUSED + ",\"message\":\""
                + refusal.message().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
