package dev.warden.manager.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * The supertypes of JDK and plugin-API types, read from the class files of the JVM Warden runs on
 * (the one that will run the plugin), so that a deny on a type or member also holds where a subtype
 * inherits it.
 */
final class Supertypes {

    private static final String OBJECT = "java/lang/Object";

    private record Header(String superName, List<String> interfaces) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Header>> headers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> chains = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> all = new ConcurrentHashMap<>();

    Supertypes(ClassLoader loader) {
        this.loader = loader;
    }

    /** @return {@code type}, its superclass, that one's superclass and so on; just {@code type} if it is unknown */
    List<String> superclassChain(String type) {
        return chains.computeIfAbsent(type, t -> {
            List<String> chain = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String c = t; c != null && seen.add(c); c = header(c).map(Header::superName).orElse(null)) {
                chain.add(c);
            }
            return List.copyOf(chain);
        });
    }

    /** @return {@code type}, all its superclasses and superinterfaces, and {@code java/lang/Object} */
    Set<String> all(String type) {
        return all.computeIfAbsent(type, t -> {
            Set<String> found = new LinkedHashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(t));
            while (!pending.isEmpty()) {
                String c = pending.poll();
                if (found.add(c)) {
                    header(c).ifPresent(h -> {
                        if (h.superName() != null) {
                            pending.add(h.superName());
                        }
                        pending.addAll(h.interfaces());
                    });
                }
            }
            found.add(OBJECT);
            return Set.copyOf(found);
        });
    }

    private Optional<Header> header(String type) {
        if (!JdkAllowlist.isJdkOrApi(type)) {
            return Optional.empty();
        }
        return headers.computeIfAbsent(type, this::read);
    }

    private Optional<Header> read(String type) {
        try (InputStream in = loader.getResourceAsStream(type + ".class")) {
            if (in == null) {
                return Optional.empty();
            }
            ClassReader reader = new ClassReader(in);
            return Optional.of(new Header(reader.getSuperName(), List.of(reader.getInterfaces())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + type + " from the running JVM", e);
        } catch (IllegalArgumentException e) {
            // Fail closed: without the hierarchy, a deny on a supertype's member would go unseen.
            throw new IllegalStateException("the bytecode reader does not understand " + type + " of the running JVM", e);
        }
    }
}
