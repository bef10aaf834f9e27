package dev.warden.catalog.manifest;

import java.util.Locale;

/**
 * A network origin {@code scheme://host[:port]} as written in a scope, with an optional path for
 * MCP server URLs. {@link RiskTable} rates it by its host.
 */
record Origin(String scheme, String host, int port, HostKind hostKind, String path) {

    enum HostKind { NAME, WILDCARD, ANY, IP }

    static Origin parse(String text, boolean allowPath) {
        String scheme;
        if (text.startsWith("https://")) {
            scheme = "https";
        } else if (text.startsWith("http://")) {
            scheme = "http";
        } else {
            throw new IllegalArgumentException(Names.quote(text)
                    + " must start with https:// or http:// (lowercase), e.g. https://api.example.com");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String why = switch (c) {
                case '@' -> "user information ('@') is not allowed";
                case '?' -> "a query ('?') is not allowed";
                case '#' -> "a fragment ('#') is not allowed";
                case '%' -> "percent-encoding ('%') is not allowed";
                case '\\' -> "backslashes are not allowed";
                default -> Character.isWhitespace(c) || c < 0x20 || c == 0x7F ? "whitespace and controls are not allowed" : null;
            };
            if (why != null) {
                throw new IllegalArgumentException(Names.quote(text) + ": " + why);
            }
        }
        String rest = text.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (!path.isEmpty() && !allowPath) {
            throw new IllegalArgumentException(Names.quote(text)
                    + " must be an origin without a path (not even a trailing '/'), e.g. https://api.example.com");
        }
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.endsWith("/.")) {
            throw new IllegalArgumentException(Names.quote(text) + ": the path must not contain '.' or '..' segments");
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(Names.quote(text) + ": the IPv6 address has no closing ']'");
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException(Names.quote(text) + ": unexpected text after the IPv6 address");
                }
                portText = after.substring(1);
            }
            checkIpv6(text, host.substring(1, host.length() - 1));
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = portText == null ? -1 : parsePort(text, portText);
        HostKind kind = host.startsWith("[") ? HostKind.IP : checkHost(text, host);
        return new Origin(scheme, host, port, kind, path);
    }

    static int parsePort(String text, String portText) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')
                || portText.charAt(0) == '0') {
            throw new IllegalArgumentException(Names.quote(text) + ": the port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port > 65535) {
            throw new IllegalArgumentException(Names.quote(text) + ": the port must be a number from 1 to 65535");
        }
        return port;
    }

    private static void checkIpv6(String text, String address) {
        if (address.isEmpty() || address.indexOf(':') < 0
                || !address.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
            throw new IllegalArgumentException(Names.quote(text)
                    + ": the bracketed IPv6 address must use lowercase hex digits, ':' and '.' only");
        }
    }

    static HostKind checkHost(String text, String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException(Names.quote(text) + " has no host");
        }
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(Names.quote(text) + ": write the host in lowercase");
        }
        if (host.equals("*")) {
            return HostKind.ANY;
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException(Names.quote(text) + ": the host is longer than 253 characters");
        }
        String[] labels = host.split("\\.", -1);
        boolean wildcard = labels[0].equals("*");
        if (wildcard && labels.length < 2) {
            throw new IllegalArgumentException(Names.quote(text) + ": '*.' must be followed by a domain");
        }
        for (int i = wildcard ? 1 : 0; i < labels.length; i++) {
            checkLabel(text, labels[i]);
        }
        String last = labels[labels.length - 1];
        if (last.chars().allMatch(c -> c >= '0' && c <= '9') || last.startsWith("0x")) {
            // top-level domains are never numeric: this is an IP address in some notation
            return HostKind.IP;
        }
        return wildcard ? HostKind.WILDCARD : HostKind.NAME;
    }

    private static void checkLabel(String text, String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException(Names.quote(text)
                    + ": the host has an empty label (a leading, trailing or doubled '.')");
        }
        if (label.contains("*")) {
            throw new IllegalArgumentException(Names.quote(text)
                    + ": '*' is only allowed as the whole leftmost label, as in *.example.com");
        }
        if (label.length() > 63) {
            throw new IllegalArgumentException(Names.quote(text) + ": the host label " + Names.quote(label)
                    + " is longer than 63 characters");
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new IllegalArgumentException(Names.quote(text) + ": the host label " + Names.quote(label)
                    + " must not start or end with '-'");
        }
        if (!label.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
            throw new IllegalArgumentException(Names.quote(text) + ": the host label " + Names.quote(label)
                    + " may only contain lowercase letters, digits and '-'");
        }
    }

    /** @return the domain under a wildcard ({@code example.com} for {@code *.example.com}), else the host */
    String domain() {
        return hostKind == HostKind.WILDCARD ? host.substring(2) : host;
    }
}
