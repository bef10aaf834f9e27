package dev.warden.manager.verify;

import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks one class file: its header, field and method signatures, and every type, member, constant
 * and invokedynamic its code names. Annotations, generic signatures and debug information are not
 * read: they run nothing.
 */
final class ClassChecker extends ClassVisitor {

    private static final String OBJECT = "java/lang/Object";
    private static final String UNKNOWN_BOOTSTRAP = "invokedynamic may only use the bootstrap methods javac emits for lambdas, "
            + "string concatenation, records and switches; any other can link the call to any method";

    private final JdkAllowlist allowlist;
    private final OwnClasses own;
    private final Set<Violation> found;
    private String className;

    ClassChecker(JdkAllowlist allowlist, OwnClasses own, Set<Violation> found) {
        super(Opcodes.ASM9);
        this.allowlist = allowlist;
        this.own = own;
        this.found = found;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name;
        if (superName != null) {
            checkType(Violation.CLASS, superName);
        }
        for (String type : interfaces) {
            checkType(Violation.CLASS, type);
        }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        checkTypes(Violation.CLASS, Type.getType(descriptor));
        return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String method = name + descriptor;
        if ((access & Opcodes.ACC_NATIVE) != 0) {
            report(method, "native code", "a native method runs machine code outside the JVM's checks (JNI)");
        }
        if (name.equals("finalize") && descriptor.equals("()V") && (access & Opcodes.ACC_STATIC) == 0) {
            report(method, OBJECT + ".finalize()V",
                    "the JVM runs finalizers on its own thread, outside the calls Warden times out and audits");
        }
        if (!isSerializationHook(name, descriptor)) {
            checkTypes(method, Type.getMethodType(descriptor));
        }
        if (exceptions != null) {
            for (String type : exceptions) {
                checkType(method, type);
            }
        }
        return new MethodChecker(method);
    }

    /** Declaring these is harmless (nothing deserializes a plugin's objects); calling the streams is refused. */
    private static boolean isSerializationHook(String name, String descriptor) {
        return name.equals("readObject") && descriptor.equals("(Ljava/io/ObjectInputStream;)V")
                || name.equals("writeObject") && descriptor.equals("(Ljava/io/ObjectOutputStream;)V");
    }

    private final class MethodChecker extends MethodVisitor {

        private final String method;

        MethodChecker(String method) {
            super(Opcodes.ASM9);
            this.method = method;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            checkTypes(method, Type.getObjectType(type));
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            checkMember(method, owner, name, descriptor, true);
            checkTypes(method, Type.getType(descriptor));
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            checkMember(method, owner, name, descriptor, false);
            checkTypes(method, Type.getMethodType(descriptor));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            checkBootstrap(method, bootstrap);
            checkTypes(method, Type.getMethodType(descriptor));
            for (Object argument : arguments) {
                checkConstant(method, argument, true);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            checkConstant(method, value, false);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            checkTypes(method, Type.getType(descriptor));
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                checkType(method, type);
            }
        }
    }

    /**
     * Bootstrap arguments may name methods and method types: javac passes a lambda's body and its
     * shape that way, and what they name is checked. Anywhere else such constants only serve to
     * build method handles.
     */
    private void checkConstant(String method, Object value, boolean bootstrapArgument) {
        if (value instanceof Type type) {
            if (type.getSort() == Type.METHOD && !bootstrapArgument) {
                report(method, "method type constant " + type.getDescriptor(), "method types serve only to look up method handles");
            } else {
                checkTypes(method, type);
            }
        } else if (value instanceof Handle handle) {
            String target = handle.getOwner() + "." + handle.getName() + handle.getDesc();
            if (bootstrapArgument) {
                boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
                checkMember(method, handle.getOwner(), handle.getName(), handle.getDesc(), field);
                checkTypes(method, field ? Type.getType(handle.getDesc()) : Type.getMethodType(handle.getDesc()));
            } else {
                report(method, "method handle constant " + target, "a method handle calls its target past these checks");
            }
        } else if (value instanceof ConstantDynamic constant) {
            checkBootstrap(method, constant.getBootstrapMethod());
            checkTypes(method, Type.getType(constant.getDescriptor()));
            for (int i = 0; i < constant.getBootstrapMethodArgumentCount(); i++) {
                checkConstant(method, constant.getBootstrapMethodArgument(i), true);
            }
        }
    }

    private void checkBootstrap(String method, Handle bootstrap) {
        if (own.contains(bootstrap.getOwner()) || !allowlist.isBootstrap(bootstrap.getOwner(), bootstrap.getName())) {
            report(method, bootstrap.getOwner() + "." + bootstrap.getName() + bootstrap.getDesc(), UNKNOWN_BOOTSTRAP);
        }
    }

    /** Checks the class types in a field, method or array type (primitives need no check). */
    private void checkTypes(String method, Type type) {
        switch (type.getSort()) {
            case Type.OBJECT -> checkType(method, type.getInternalName());
            case Type.ARRAY -> checkTypes(method, type.getElementType());
            case Type.METHOD -> {
                for (Type argument : type.getArgumentTypes()) {
                    checkTypes(method, argument);
                }
                checkTypes(method, type.getReturnType());
            }
            default -> {
                // primitive or void
            }
        }
    }

    private void checkType(String method, String type) {
        if (type.startsWith("[")) {
            checkTypes(method, Type.getType(type));
            return;
        }
        if (own.contains(type)) {
            return;
        }
        allowlist.checkType(type).ifPresent(refusal -> report(method, type, refusal.reason()));
    }

    private void checkMember(String method, String owner, String name, String descriptor, boolean field) {
        String member = owner + "." + name + (field ? "" : descriptor);
        if (owner.startsWith("[")) {
            // An array's members are Object's (and clone); its element type is checked on its own.
            checkTypes(method, Type.getType(owner));
            allowlist.checkMember(OBJECT, name, descriptor).ifPresent(refusal -> report(method, member, refusal.reason()));
            return;
        }
        if (!own.contains(owner)) {
            allowlist.checkMember(owner, name, descriptor).ifPresent(refusal -> report(method, member, refusal.reason()));
            return;
        }
        Optional<Set<String>> declarers = own.foreignDeclarers(owner, name, descriptor, field);
        if (declarers.isEmpty() || declarers.get().isEmpty()) {
            return;
        }
        // Inherited from outside the plugin: allowed if a type it can come from allows it and none denies it.
        JdkAllowlist.Refusal first = null;
        boolean allowed = false;
        for (String type : declarers.get()) {
            Optional<JdkAllowlist.Refusal> refusal = allowlist.checkMember(type, name, descriptor);
            if (refusal.isEmpty()) {
                allowed = true;
            } else if (refusal.get().denied()) {
                report(method, member, refusal.get().reason());
                return;
            } else if (first == null) {
                first = refusal.get();
            }
        }
        if (!allowed) {
            report(method, member, first.reason());
        }
    }

    private void report(String method, String member, String reason) {
        found.add(new Violation(className, method, member, reason));
    }
}
