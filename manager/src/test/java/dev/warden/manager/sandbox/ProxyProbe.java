package dev.warden.manager.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A program for the sandbox tests: {@code proxy host:port} sends {@code CONNECT host:port} to the proxy that
 * {@code HTTPS_PROXY} names and prints the answer's status line, then, if the tunnel opened, the first line the far
 * end sent; {@code selector host:port} prints the proxies the JDK would use for {@code https://host:port};
 * {@code direct host:port} connects straight to it and prints {@code connected} or {@code failed: ...}.
 */
final class ProxyProbe {

    public static void main(String[] args) throws Exception {
        String target = args[1];
        if (args[0].equals("selector")) {
            System.out.println(java.net.ProxySelector.getDefault().select(URI.create("https://" + target)));
            return;
        }
        if (args[0].equals("direct")) {
            int colon = target.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))), 5000);
                System.out.println("connected");
            } catch (Exception e) {
                System.out.println("failed: " + e);
            }
            return;
        }
        URI proxy = URI.create(System.getenv("HTTPS_PROXY"));
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = line(in);
            System.out.println(status);
            while (!line(in).isEmpty()) {
                // the rest of the head
            }
            if (status.contains(" 200 ")) {
                System.out.println(line(in));
            }
        }
    }

    private static String line(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private ProxyProbe() {
    }
}
