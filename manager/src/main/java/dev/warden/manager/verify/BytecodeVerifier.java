package dev.warden.manager.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * Checks a plugin's bytecode against Warden's allowlist of JDK types and members (DESIGN 6.2), so
 * that plugin code reaches the outside world only through the capability API. A gate, not the
 * boundary: the OS sandbox is.
 *
 * <p>The allowlist is the reviewed resource {@code dev/warden/manager/verify/jdk-allowlist.txt}; its
 * header explains the format and how each reference is decided. Instances are immutable and safe
 * to share between threads.
 *
 * @since 0.1
 */
public final class BytecodeVerifier {

    private static final String RESERVED_PACKAGE = "the JVM takes classes of the JDK's and the plugin API's packages "
            + "from Warden, not from the plugin, so a plugin may not declare classes there";

    private static final class Standard {
        static final BytecodeVerifier INSTANCE = new BytecodeVerifier(StandardAllowlist::get);
    }

    /**
     * Warden's allowlist, read from its resource when first asked for: a plugin without code (skills, commands, MCP
     * servers only) is verified without it, and reading it costs a cold process tens of ms.
     */
    private static final class StandardAllowlist {
        static final JdkAllowlist LIST = JdkAllowlist.standard();

        static JdkAllowlist get() {
            return LIST;
        }
    }

    private final Supplier<JdkAllowlist> allowlist;
    /** The answers of {@link #mayLoadJdkClass}: every plugin's loader asks the same few hundred names. */
    private final Map<String, Boolean> loadable = new ConcurrentHashMap<>();

    BytecodeVerifier(JdkAllowlist allowlist) {
        Objects.requireNonNull(allowlist, "allowlist");
        this.allowlist = () -> allowlist;
    }

    private BytecodeVerifier(Supplier<JdkAllowlist> allowlist) {
        this.allowlist = allowlist;
    }

    /**
     * @return the verifier with Warden's allowlist, read from its resource the first time a class is checked or a
     *     JDK class asked for
     * @throws IllegalStateException if the resource is missing or malformed (a broken Warden build)
     */
    public static BytecodeVerifier standard() {
        return Standard.INSTANCE;
    }

    /**
     * Checks every class under {@code pluginDir/classes/**} and inside every {@code pluginDir/lib/*.jar}.
     * Nested jars are not expanded: a jar inside a jar is itself a violation, as are native
     * libraries, symbolic links, a manifest {@code Class-Path}, and class files that cannot be read.
     * A plugin without {@code classes/} or {@code lib/} (skills only) passes with no classes checked.
     *
     * @param pluginDir an unpacked plugin folder
     * @return the classes checked and every violation; {@link VerificationReport#passed()} if there is none
     * @throws NotDirectoryException if {@code pluginDir} is not a folder
     * @throws IOException if a file of the plugin cannot be read
     */
    public VerificationReport verify(Path pluginDir) throws IOException {
        Objects.requireNonNull(pluginDir, "pluginDir");
        if (!Files.isDirectory(pluginDir)) {
            throw new NotDirectoryException(pluginDir.toString());
        }
        PluginCode code = PluginCode.read(pluginDir);
        Set<Violation> found = new LinkedHashSet<>(code.violations());

        List<ClassReader> readers = new ArrayList<>();
        List<PluginCode.ClassFile> readable = new ArrayList<>();
        OwnClasses own = new OwnClasses();
        for (PluginCode.ClassFile file : code.classFiles()) {
            ClassReader reader;
            try {
                reader = new ClassReader(file.bytes());
                String name = reader.getClassName();
                if (JdkAllowlist.isJdkOrApi(name)) {
                    int slash = name.lastIndexOf('/');
                    found.add(new Violation(name, Violation.CLASS, "package " + name.substring(0, Math.max(slash, 0)), RESERVED_PACKAGE));
                } else if (!own.add(reader)) {
                    found.add(new Violation(name, Violation.CLASS, file.origin(),
                            "the class is declared twice in the plugin, and which copy runs depends on the class path"));
                }
            } catch (RuntimeException e) {
                // ASM throws unchecked exceptions on malformed input; the JVM might still load what it cannot read.
                found.add(unreadable(file, e));
                continue;
            }
            readers.add(reader);
            readable.add(file);
        }
        for (int i = 0; i < readers.size(); i++) {
            try {
                readers.get(i).accept(new ClassChecker(allowlist.get(), own, found), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            } catch (UncheckedIOException | IllegalStateException e) {
                // Warden could not read the JDK's own class files: a fault of the host, not of the plugin.
                throw e;
            } catch (RuntimeException e) {
                found.add(unreadable(readable.get(i), e));
            }
        }
        return new VerificationReport(code.classFiles().size(), List.copyOf(found));
    }

    /**
     * Whether a plugin's class loader may give the plugin the JDK class {@code binaryName}: one the
     * allowlist lets plugins use, or one the JVM needs to link what it allows (lambdas, string
     * concatenation, records). The class loader asks this for every JDK class a plugin names, so that
     * code which somehow bypassed {@link #verify} still cannot link against, say, {@code java.lang.ClassLoader}.
     *
     * @param binaryName a class name as {@link ClassLoader#loadClass(String)} receives it, e.g. {@code java.lang.String}
     * @return true for an allowed JDK class; false for any other JDK class and for names outside the JDK
     */
    public boolean mayLoadJdkClass(String binaryName) {
        Boolean known = loadable.get(binaryName);
        if (known == null) {
            String type = binaryName.replace('.', '/');
            known = JdkAllowlist.isJdkOrApi(type) && !type.startsWith("dev/warden/api/") && allowlist.get().mayLoad(type);
            loadable.put(binaryName, known);
        }
        return known;
    }

    /** @return the SHA-256 (hex) of this verifier's rules; a cached verdict holds only under the same rules */
    public String rulesDigest() {
        return allowlist.get().digest();
    }

    /**
     * @param binaryName a class name as {@link ClassLoader#loadClass(String)} receives it
     * @return whether the name lies in a package of the JDK or the plugin API, where a plugin may not declare classes
     */
    public static boolean isReservedClassName(String binaryName) {
        return JdkAllowlist.isJdkOrApi(binaryName.replace('.', '/'));
    }

    private static Violation unreadable(PluginCode.ClassFile file, RuntimeException e) {
        return new Violation(file.origin(), Violation.FILE, "an unreadable class file",
                "it cannot be checked: " + e);
    }
}
