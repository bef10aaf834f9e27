package dev.warden.manager.verify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The classes a plugin declares, with their supertypes and members, so that a reference through a
 * plugin class to a member it only inherits is decided on the JDK or API type it comes from.
 */
final class OwnClasses {

    private record OwnClass(String superName, List<String> interfaces, Set<String> methods, Set<String> fields) {
    }

    private final Map<String, OwnClass> classes = new HashMap<>();

    /**
     * Records the class {@code reader} holds.
     *
     * @return false if a class of that name was already recorded
     */
    boolean add(ClassReader reader) {
        Set<String> methods = new HashSet<>();
        Set<String> fields = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                fields.add(name);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                methods.add(name + descriptor);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        OwnClass own = new OwnClass(reader.getSuperName(), List.of(reader.getInterfaces()), methods, fields);
        return classes.putIfAbsent(reader.getClassName(), own) == null;
    }

    boolean contains(String type) {
        return classes.containsKey(type);
    }

    /**
     * @return empty if {@code owner} (a plugin class) or one of the plugin's classes it extends declares
     *         the member; otherwise the JDK, API or other foreign types it may inherit the member from
     */
    Optional<Set<String>> foreignDeclarers(String owner, String name, String descriptor, boolean field) {
        Set<String> foreign = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(owner));
        while (!pending.isEmpty()) {
            String type = pending.poll();
            if (!seen.add(type)) {
                continue;
            }
            OwnClass own = classes.get(type);
            if (own == null) {
                foreign.add(type);
                continue;
            }
            if (field ? own.fields().contains(name) : own.methods().contains(name + descriptor)) {
                return Optional.empty();
            }
            if (own.superName() != null) {
                pending.add(own.superName());
            }
            pending.addAll(own.interfaces());
        }
        return Optional.of(foreign);
    }
}
