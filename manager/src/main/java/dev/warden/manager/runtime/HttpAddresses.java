package dev.warden.manager.runtime;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the address ranges a plugin may reach only when the person granted that address itself:
 * the machine, its networks and the cloud's metadata service. IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64) are judged by the IPv4 address they carry.
 */
public final class HttpAddresses {

    private HttpAddresses() {
    }

    /**
     * @param address any address
     * @return the range it falls in, e.g. {@code loopback}, or empty for an ordinary public address
     */
    public static Optional<String> restrictedRange(InetAddress address) {
        if (address instanceof Inet6Address) {
            Optional<Inet4Address> embedded = embeddedIpv4(address.getAddress());
            if (embedded.isPresent()) {
                return restrictedRange(embedded.get());
            }
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 169 && second == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
                return Optional.of("cloud metadata");
            }
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("private (carrier-grade NAT)");
            }
            if (first == 255 && second == 255) {
                return Optional.of("broadcast");
            }
        } else if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("private (unique local)");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    /**
     * The range of a URL's host: {@code localhost} names and address literals are judged as written; another
     * name by the addresses it resolves to now when {@code lookUp} is set (a name that does not resolve, or
     * any name without {@code lookUp}, has none).
     *
     * @param host a URL's host, an IPv6 literal in brackets or not
     * @return the first restricted range found, or empty
     */
    public static Optional<String> restrictedRangeOf(String host, boolean lookUp) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return Optional.of("loopback");
        }
        boolean literal = lower.indexOf(':') >= 0 || lower.matches("[0-9.]+");
        if (!literal && !lookUp) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                Optional<String> range = restrictedRange(address);
                if (range.isPresent()) {
                    return range;
                }
            }
        } catch (UnknownHostException e) {
            return literal ? Optional.of("malformed") : Optional.empty();
        }
        return Optional.empty();
    }

    /** IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d} and NAT64 {@code 64:ff9b::a.b.c.d}. */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean zeros80 = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !isZeroOrOne(b);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code ::} and {@code ::1} are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones. */
    private static boolean isZeroOrOne(byte[] b) {
        return b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1);
    }
}
