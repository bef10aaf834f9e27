package dev.warden.api.capability;

/**
 * HTTP to origins granted by {@code net.egress}. Warden refuses addresses that resolve to loopback,
 * private or link-local networks unless such an address was granted, and re-checks every redirect.
 *
 * @since 0.1
 */
public interface Http {

    /**
     * @param request the request; secret headers are filled in only for the host their secret is granted for
     * @return the response, whatever its status code
     * @throws dev.warden.api.PermissionDeniedException if the origin, a redirect target, or a secret's host is not granted
     * @throws LimitExceededException                   if the response is larger than Warden's limit or too slow
     * @throws CapabilityException                      if the connection fails
     */
    HttpResponse send(HttpRequest request) throws CapabilityException;
}
