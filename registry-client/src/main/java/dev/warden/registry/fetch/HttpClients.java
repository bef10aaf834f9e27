package dev.warden.registry.fetch;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP clients this process made, so that they can be stopped before it exits. A JDK
 * HttpClient keeps a selector thread waiting in native code, and the JVM waits up to 300 ms at
 * exit for such threads: every command that fetched anything would end that much later. Java 21
 * stops a client with {@code shutdownNow()}; on Java 17 the client's selector manager is shut down
 * directly when the jar's manifest opens {@code java.net.http/jdk.internal.net.http} to Warden
 * ({@code Add-Opens}), and otherwise nothing happens but the wait.
 */
final class HttpClients {

    private static final List<HttpClient> CLIENTS = new ArrayList<>();

    private HttpClients() {
    }

    static synchronized HttpClient track(HttpClient client) {
        CLIENTS.add(client);
        return client;
    }

    /** Stops every client made so far; a client in use fails its requests afterwards. */
    static synchronized void stopAll() {
        for (HttpClient client : CLIENTS) {
            stop(client);
        }
        CLIENTS.clear();
    }

    private static void stop(HttpClient client) {
        try {
            Method shutdownNow = client.getClass().getMethod("shutdownNow");
            shutdownNow.invoke(client);
            return;
        } catch (NoSuchMethodException e) {
            // Java 17: no public way; shut the implementation's selector manager down below
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return;
        }
        try {
            Field impl = client.getClass().getDeclaredField("impl");
            impl.setAccessible(true);
            Object implementation = impl.get(client);
            Field selectorManager = implementation.getClass().getDeclaredField("selmgr");
            selectorManager.setAccessible(true);
            Object manager = selectorManager.get(implementation);
            Method shutdown = manager.getClass().getDeclaredMethod("shutdown");
            shutdown.setAccessible(true);
            shutdown.invoke(manager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not opened to Warden (or another JDK's internals): the JVM waits for the thread at exit instead
        }
    }
}
