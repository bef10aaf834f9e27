package dev.warden.manager.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a connection to a checked address goes. Always {@link #DIRECT} in Warden; tests route a checked
 * public address to a local server, so that a sample plugin's real host name can be served on 127.0.0.1
 * while every check runs as it would against the real host.
 */
@FunctionalInterface
interface Dialer {

    Dialer DIRECT = InetSocketAddress::new;

    InetSocketAddress address(InetAddress checked, int port);
}
