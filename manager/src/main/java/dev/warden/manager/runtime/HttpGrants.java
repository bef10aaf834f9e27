package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.permissions.HostPattern;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code net.egress} and {@code secret.use} grants of one plugin, asked about one request at a
 * time. Host matching is catalog's {@link HostPattern}: exact names, {@code *.domain} for strict
 * subdomains only, IP literals by address.
 */
final class HttpGrants {

    private record Egress(String scheme, HostPattern host, int port) {
    }

    private record SecretUse(String name, String host, int port) {
    }

    private final List<Egress> egress = new ArrayList<>();
    private final List<SecretUse> secrets = new ArrayList<>();

    HttpGrants(List<Permission> effective) {
        for (Permission permission : effective) {
            String scope = permission.scope();
            if (permission.kind() == PermissionKind.NET_EGRESS) {
                String scheme = scope.substring(0, scope.indexOf("://"));
                HostPattern host = HostPattern.of(permission).orElseThrow();
                int port = explicitPort(scope.substring(scope.indexOf("://") + 3))
                        .orElse(scheme.equals("https") ? 443 : 80);
                egress.add(new Egress(scheme, host, port));
            } else if (permission.kind() == PermissionKind.SECRET_USE) {
                int at = scope.indexOf('@');
                String hostPort = scope.substring(at + 1);
                int colon = hostPort.lastIndexOf(':');
                secrets.add(new SecretUse(scope.substring("secret:".length(), at),
                        colon < 0 ? hostPort : hostPort.substring(0, colon),
                        colon < 0 ? -1 : Integer.parseInt(hostPort.substring(colon + 1))));
            }
        }
    }

    /** @return true if a {@code net.egress} grant covers the target's scheme, host and port */
    boolean allowsOrigin(HttpTarget target) {
        HostPattern host = new HostPattern(target.host());
        return egress.stream().anyMatch(g -> g.scheme.equals(target.scheme()) && g.port == target.port()
                && g.host.covers(host));
    }

    /**
     * @return true if the person granted this restricted address for the target's scheme and port by
     *         naming it (its IP literal), or granted {@code localhost} and the target is {@code localhost}
     *         reaching a loopback address; {@code *} does not count
     */
    boolean allowsRestricted(HttpTarget target, InetAddress address) {
        HostPattern literal = new HostPattern(address instanceof Inet4Address ? address.getHostAddress()
                : "[" + address.getHostAddress() + "]");
        boolean loopbackName = target.host().equals("localhost") && address.isLoopbackAddress();
        return egress.stream().anyMatch(g -> g.scheme.equals(target.scheme()) && g.port == target.port()
                && (!g.host.isAny() && g.host.covers(literal) || loopbackName && g.host.text().equals("localhost")));
    }

    /** @return true if a {@code secret.use} grant names this secret for the target's host (and port, if it has one) */
    boolean allowsSecret(String name, HttpTarget target) {
        return secrets.stream().anyMatch(s -> s.name.equals(name) && s.host.equals(target.host())
                && (s.port < 0 || s.port == target.port()));
    }

    private static Optional<Integer> explicitPort(String authority) {
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        if (colon <= close) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(authority.substring(colon + 1)));
    }
}
