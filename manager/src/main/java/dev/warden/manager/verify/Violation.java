package dev.warden.manager.verify;

import java.util.Objects;

/**
 * One reference, declaration or file of a plugin that the bytecode verifier refuses.
 *
 * @param className the internal name of the class ({@code com/evil/Plugin}); for a finding about a
 *                  file rather than a class, the file's path inside the plugin folder
 *                  ({@code lib/evil.jar}, {@code lib/evil.jar!native/libx.so})
 * @param method    the method's name and descriptor ({@code start(Ldev/warden/api/PluginContext;)V});
 *                  {@value #CLASS} for the class's header and fields, {@value #FILE} for a file
 * @param member    what is refused: a member ({@code java/lang/reflect/Method.invoke(...)}), a type
 *                  ({@code java/lang/Thread}), or the offending file entry or manifest attribute
 * @param reason    plain words saying why it is refused
 * @since 0.1
 */
public record Violation(String className, String method, String member, String reason) {

    /** The {@link #method} of a finding in a class's header: its superclass, interfaces, fields or name. */
    public static final String CLASS = "<class>";
    /** The {@link #method} of a finding about a file: a native library, a nested jar, a manifest. */
    public static final String FILE = "<file>";

    /**
     * @throws NullPointerException if any part is null
     * @throws IllegalArgumentException if any part is blank
     */
    public Violation {
        requireText(className, "className");
        requireText(method, "method");
        requireText(member, "member");
        requireText(reason, "reason");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    /**
     * @return one line for the person reviewing the plugin: "CLASS.METHOD uses MEMBER: REASON", or
     *         "FILE contains MEMBER: REASON" for a file; e.g. {@code com/evil/Plugin.start(Ldev/warden/api/PluginContext;)V
     *         uses java/lang/reflect/Method.invoke(...): reflection can reach any class and member, past the capability API}
     */
    public String describe() {
        if (method.equals(FILE)) {
            return className + " contains " + member + ": " + reason;
        }
        String where = method.equals(CLASS) ? className : className + "." + method;
        return where + " uses " + member + ": " + reason;
    }
}
