package dev.warden.manager.verify;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Hostile class files javac cannot produce from Java source, made with ASM. */
final class HostileClasses {

    static final String BOOTSTRAP_DESCRIPTOR =
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;";

    private HostileClasses() {
    }

    /** {@code com/evil/Indy}: {@code run()} is an invokedynamic linked by the class's own bootstrap method. */
    static byte[] customBootstrap() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "com/evil/Indy", null, "java/lang/Object", null);
        MethodVisitor bootstrap = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "bootstrap", BOOTSTRAP_DESCRIPTOR, null, null);
        bootstrap.visitCode();
        bootstrap.visitInsn(Opcodes.ACONST_NULL);
        bootstrap.visitInsn(Opcodes.ARETURN);
        bootstrap.visitMaxs(0, 0);
        bootstrap.visitEnd();
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        run.visitCode();
        run.visitInvokeDynamicInsn("anything", "()V",
                new Handle(Opcodes.H_INVOKESTATIC, "com/evil/Indy", "bootstrap", BOOTSTRAP_DESCRIPTOR, false));
        run.visitInsn(Opcodes.RETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code com/evil/Constants}: loads a method handle to System.exit and a method type with ldc. */
    static byte[] handleConstants() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "com/evil/Constants", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "load", "()V", null, null);
        mv.visitCode();
        mv.visitLdcInsn(new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false));
        mv.visitInsn(Opcodes.POP);
        mv.visitLdcInsn(Type.getMethodType("(I)V"));
        mv.visitInsn(Opcodes.POP);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A public class {@code name} with nothing in it. */
    static byte[] emptyClass(String name) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        cw.visitEnd();
        return cw.toByteArray();
    }
}
