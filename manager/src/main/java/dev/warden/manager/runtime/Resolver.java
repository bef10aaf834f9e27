package dev.warden.manager.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up the addresses of a host name for {@link GrantedHttp}. Called once per request hop: the
 * answers are checked, and the connection goes to a checked answer, never to a second lookup.
 */
@FunctionalInterface
public interface Resolver {

    /**
     * @param host a lowercase ASCII host name, never an IP literal
     * @return every address the name has; an empty list counts as "unknown host"
     * @throws UnknownHostException if the name has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** @return the system resolver ({@link InetAddress#getAllByName}) */
    static Resolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
