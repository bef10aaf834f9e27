package dev.warden.catalog.permissions;

/**
 * The parts of an origin or URL that the scope grammar has already validated:
 * {@code scheme://host[:port][/path]}. The port is the effective one (443 for https, 80 for http when absent).
 */
record NetOrigin(String scheme, HostPattern host, int port) {

    static NetOrigin parse(String validated) {
        int sep = validated.indexOf("://");
        String scheme = validated.substring(0, sep);
        String rest = validated.substring(sep + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = authority.substring(0, close + 1);
            port = close + 1 < authority.length() ? authority.substring(close + 2) : null;
        } else if (authority.lastIndexOf(':') >= 0) {
            host = authority.substring(0, authority.lastIndexOf(':'));
            port = authority.substring(authority.lastIndexOf(':') + 1);
        }
        int effective = port != null ? Integer.parseInt(port) : scheme.equals("https") ? 443 : 80;
        return new NetOrigin(scheme, new HostPattern(host), effective);
    }

    boolean covers(NetOrigin other) {
        return scheme.equals(other.scheme) && port == other.port && host.covers(other.host);
    }

    boolean overlaps(NetOrigin other) {
        return scheme.equals(other.scheme) && port == other.port && host.mayMatchSameHost(other.host);
    }
}
