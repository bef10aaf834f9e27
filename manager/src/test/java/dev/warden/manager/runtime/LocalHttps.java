package dev.warden.manager.runtime;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An https server on 127.0.0.1 that answers for a real host name (e.g. {@code api.weather.gov}), and brokers
 * whose capabilities reach it: the name resolves to a public address, every grant and address check runs as
 * it would against the real host, the certificate is verified against the name, and only the final
 * connection is routed to this server. For tests of plugins that call a fixed public API.
 */
public final class LocalHttps implements AutoCloseable {

    /** What the host name resolves to in these tests: a public address (TEST-NET-3 would count as special). */
    private static final String PUBLIC_ADDRESS = "93.184.216.34";

    private final String hostName;
    private final HttpsServer server;
    private final SSLContext tls;

    private LocalHttps(String hostName, HttpsServer server, SSLContext tls) {
        this.hostName = hostName;
        this.server = server;
        this.tls = tls;
    }

    /**
     * @param work    a folder for the server's key store
     * @param handler answers every request
     */
    public static LocalHttps serving(Path work, String hostName, HttpHandler handler) throws IOException, GeneralSecurityException,
            InterruptedException {
        Files.createDirectories(work);
        Path store = work.resolve(hostName + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=" + hostName, "-ext", "SAN=dns:" + hostName,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = keytool.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", handler);
        server.start();
        return new LocalHttps(hostName, server, context);
    }

    /** @return the port the server listens on, on 127.0.0.1 */
    int port() {
        return server.getAddress().getPort();
    }

    /** @return TLS sockets that trust this server's certificate */
    javax.net.ssl.SSLSocketFactory trustingSockets() {
        return tls.getSocketFactory();
    }

    /** @return brokers whose plugins reach {@code https://HOST_NAME} (port 443) at this server */
    public CapabilityBroker.Factory brokers() {
        InetAddress published = GrantedHttpFixture.ip(PUBLIC_ADDRESS);
        int port = server.getAddress().getPort();
        Resolver resolver = host -> {
            if (!host.equals(hostName)) {
                throw new java.net.UnknownHostException(host + " (only " + hostName + " exists in this test)");
            }
            return List.of(published);
        };
        Dialer dialer = (checked, targetPort) -> checked.equals(published) && targetPort == 443
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port) : new InetSocketAddress(checked, targetPort);
        return (store, surroundings) -> new CapabilityBroker(store, surroundings, resolver, tls.getSocketFactory(), dialer);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
