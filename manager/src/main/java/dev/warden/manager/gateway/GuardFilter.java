package dev.warden.manager.gateway;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the {@link RequestGuard} in front of every path of the HTTP gateway: a refused request gets its status and
 * a short message, and goes no further, so the MCP server never sees it.
 */
final class GuardFilter implements Filter {

    private final RequestGuard guard;

    GuardFilter(RequestGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<RequestGuard.Refusal> refusal = refusal(guard, (HttpServletRequest) request);
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        refuse((HttpServletResponse) response, refusal.get());
    }

    /** What {@code guard} says of {@code http}, from its address and headers alone: nothing of its body is read. */
    static Optional<RequestGuard.Refusal> refusal(RequestGuard guard, HttpServletRequest http) {
        return guard.check(new RequestGuard.Request(http.getRemoteAddr(), Optional.ofNullable(http.getHeader("Host")),
                Optional.ofNullable(http.getHeader("Origin")), Optional.ofNullable(http.getHeader("Authorization")),
                http.getRequestURI()));
    }

    private static void refuse(HttpServletResponse response, RequestGuard.Refusal refusal) throws IOException {
        if (refusal.status() == RequestGuard.Refusal.UNAUTHORIZED) {
            // RFC 6750: the description is a quoted string, and no message of the guard holds a quote or backslash.
            response.setHeader("WWW-Authenticate", "Bearer realm=\"warden\", error=\"invalid_token\", error_description=\""
                    + refusal.message() + "\"");
        }
        // The ErrorBodyFilter in front writes the body: a JSON-RPC error for a JSON-RPC request, plain text otherwise.
        response.sendError(refusal.status(), refusal.message());
    }
}
