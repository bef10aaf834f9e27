package dev.warden.catalog.permissions;

import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A host as permission scopes and policies name it: one DNS name ({@code api.example.com}), every
 * subdomain of a domain ({@code *.example.com}, which does not include {@code example.com} itself),
 * any host ({@code *}), or an IP literal ({@code 169.254.169.254}, {@code [::1]}).
 *
 * <p>IP literals are compared by address, not by spelling: {@code 2852039166}, {@code 0xa9.0xfe.0xa9.0xfe}
 * and {@code [::ffff:169.254.169.254]} are all {@code 169.254.169.254}. Names are never resolved here.
 *
 * @param text the host as written, lowercase; IPv6 literals in brackets
 * @since 0.1
 */
public record HostPattern(String text) {

    private enum Form { NAME, WILDCARD, ANY, IP }

    /**
     * @throws IllegalArgumentException if the text is not a host in the grammar of {@code net.egress}
     *                                  scopes (lowercase labels, {@code *} only as the whole leftmost label)
     * @throws NullPointerException     if the text is null
     */
    public HostPattern {
        Objects.requireNonNull(text, "text");
        String origin = "https://" + text;
        if (!text.isEmpty() && (text.indexOf('/') >= 0 || text.indexOf(':') >= 0 && !text.startsWith("["))) {
            throw new IllegalArgumentException("host " + UnsafeCharacters.quote(text)
                    + " must be a host name, *.domain, * or an IP address (IPv6 in brackets), without scheme, port or path");
        }
        // the net.egress grammar is the one place that knows what a host may look like
        new Permission(PermissionKind.NET_EGRESS, origin, "host check", false);
        if (text.startsWith("[") && text.contains("]:")) {
            throw new IllegalArgumentException("host " + UnsafeCharacters.quote(text) + " must not carry a port");
        }
    }

    /**
     * Reads a host as an admin writes it in a policy: like the constructor, but also accepts an IPv6
     * address without brackets.
     *
     * @param text e.g. {@code evil.net}, {@code *.evil.net}, {@code 169.254.169.254}, {@code ::1}
     * @return the host pattern
     * @throws IllegalArgumentException if the text is not a valid host
     */
    public static HostPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        // an IPv6 address has at least two colons; one colon is a host with a port, refused below
        boolean bareIpv6 = text.indexOf(':') != text.lastIndexOf(':') && !text.startsWith("[");
        return new HostPattern(bareIpv6 ? "[" + text + "]" : text);
    }

    /**
     * @param permission any permission
     * @return the host a {@code net.egress} permission, an {@code mcp.server} URL or a {@code secret.use}
     *         permission reaches; empty for every other permission and for {@code stdio:} MCP servers
     */
    public static Optional<HostPattern> of(Permission permission) {
        String scope = permission.scope();
        return switch (permission.kind()) {
            case NET_EGRESS -> Optional.of(NetOrigin.parse(scope).host());
            case MCP_SERVER -> scope.startsWith("stdio:") ? Optional.empty() : Optional.of(NetOrigin.parse(scope).host());
            case SECRET_USE -> Optional.of(new HostPattern(stripPort(scope.substring(scope.indexOf('@') + 1))));
            default -> Optional.empty();
        };
    }

    /**
     * @param other another host pattern
     * @return true if every host {@code other} can stand for is one this pattern stands for; false when unsure
     */
    public boolean covers(HostPattern other) {
        Form form = form();
        Form otherForm = other.form();
        switch (form) {
            case ANY:
                return true;
            case WILDCARD:
                return otherForm == Form.NAME && strictlyUnder(other.text, domain())
                        || otherForm == Form.WILDCARD && isUnder(other.domain(), domain());
            case IP:
                return otherForm == Form.IP && address().isPresent() && address().equals(other.address());
            case NAME:
            default:
                return otherForm == Form.NAME && text.equals(other.text);
        }
    }

    /**
     * @param other another host pattern
     * @return true if some host could be named by both patterns; true when unsure (an IP literal this
     *         class cannot read may be any address)
     */
    public boolean mayMatchSameHost(HostPattern other) {
        Form form = form();
        Form otherForm = other.form();
        if (form == Form.ANY || otherForm == Form.ANY) {
            return true;
        }
        if (form == Form.IP || otherForm == Form.IP) {
            if (form != otherForm) {
                return false;
            }
            return address().isEmpty() || other.address().isEmpty() || address().equals(other.address());
        }
        if (form == Form.WILDCARD && otherForm == Form.WILDCARD) {
            return isUnder(domain(), other.domain()) || isUnder(other.domain(), domain());
        }
        if (form == Form.WILDCARD) {
            return strictlyUnder(other.text, domain());
        }
        if (otherForm == Form.WILDCARD) {
            return strictlyUnder(text, other.domain());
        }
        return text.equals(other.text);
    }

    /** @return true for {@code *}, which stands for every host */
    public boolean isAny() {
        return form() == Form.ANY;
    }

    @Override
    public String toString() {
        return text;
    }

    private Form form() {
        if (text.equals("*")) {
            return Form.ANY;
        }
        if (text.startsWith("[")) {
            return Form.IP;
        }
        String last = text.substring(text.lastIndexOf('.') + 1);
        if (last.chars().allMatch(c -> c >= '0' && c <= '9') || last.startsWith("0x")) {
            // as in the scope grammar: top-level domains are never numeric, so this is an address
            return Form.IP;
        }
        return text.startsWith("*.") ? Form.WILDCARD : Form.NAME;
    }

    private String domain() {
        return text.startsWith("*.") ? text.substring(2) : text;
    }

    private static boolean isUnder(String name, String domain) {
        return name.equals(domain) || strictlyUnder(name, domain);
    }

    private static boolean strictlyUnder(String name, String domain) {
        return name.endsWith("." + domain);
    }

    /** @return the address in one canonical spelling, or empty if this is not an address Warden can read */
    private Optional<String> address() {
        if (text.startsWith("[")) {
            try {
                // a bracketed literal is parsed, never looked up
                InetAddress address = InetAddress.getByName(text);
                return Optional.of(address instanceof Inet4Address ? address.getHostAddress()
                        : address.getHostAddress().toLowerCase(Locale.ROOT));
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        return ipv4(text);
    }

    /**
     * Reads IPv4 the way inet_aton does, so that every spelling of an address is seen as that address:
     * 1 to 4 parts, each decimal, octal (leading 0) or hex (0x).
     *
     * @return the address in dotted-decimal form, or empty if {@code host} is not such a spelling
     */
    public static Optional<String> ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = number(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address = address << 8 | values[i];
        }
        int restBytes = 4 - (values.length - 1);
        long last = values[values.length - 1];
        if (last >= 1L << (8 * restBytes)) {
            return Optional.empty();
        }
        address = address << (8 * restBytes) | last;
        return Optional.of((address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "."
                + (address & 255));
    }

    private static Optional<Long> number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits, radix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String stripPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 || hostPort.endsWith("]") ? hostPort : hostPort.substring(0, colon);
    }
}
