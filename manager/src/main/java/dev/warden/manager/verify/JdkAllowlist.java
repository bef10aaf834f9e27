package dev.warden.manager.verify;

import dev.warden.io.Digests;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed {@code jdk-allowlist.txt}: decides whether a plugin may reference a type or member
 * that is not its own. The file's header documents the format and the order of decision.
 */
final class JdkAllowlist {

    static final String RESOURCE = "jdk-allowlist.txt";

    private static final String NOT_PLUGIN = "not the plugin API and not part of this plugin";
    private static final String NOT_ALLOWED_JDK = "not on the allowlist of JDK types a plugin may use";
    private static final List<String> JDK_PREFIXES = List.of(
            "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/w3c/", "org/xml/", "org/ietf/", "netscape/");
    private static final String API_PREFIX = "dev/warden/api/";
    /** The types in the signatures of bootstrap methods, which the JVM resolves through the caller's loader. */
    private static final Set<String> LINKAGE_TYPES = Set.of(
            "java/lang/invoke/MethodHandles$Lookup", "java/lang/invoke/MethodType", "java/lang/invoke/MethodHandle",
            "java/lang/invoke/CallSite", "java/lang/invoke/TypeDescriptor", "java/lang/invoke/TypeDescriptor$OfMethod",
            "java/lang/invoke/TypeDescriptor$OfField");

    /** Why a reference is refused; {@code denied} when a deny line says so rather than the lack of an allow. */
    record Refusal(String reason, boolean denied) {
    }

    private record MemberRule(String name, boolean prefix, String descriptor, String reason) {

        boolean matches(String memberName, String memberDescriptor) {
            boolean nameMatches = prefix ? memberName.startsWith(name) : memberName.equals(name);
            return nameMatches && (descriptor == null || descriptor.equals(memberDescriptor));
        }
    }

    private final TypePatterns<String> allowedTypes = new TypePatterns<>();
    private final TypePatterns<String> deniedTypes = new TypePatterns<>();
    private final Map<String, List<MemberRule>> allowedMembers = new HashMap<>();
    private final Map<String, List<MemberRule>> deniedMembers = new HashMap<>();
    private final Set<String> bootstraps = new HashSet<>();
    private final Supertypes supertypes;

    private final String digest;

    private JdkAllowlist(Supertypes supertypes, String digest) {
        this.supertypes = supertypes;
        this.digest = digest;
    }

    /** @return the SHA-256 (hex) of the rules' text: results computed under other rules must not be reused */
    String digest() {
        return digest;
    }

    /** @return the allowlist shipped with Warden; the JDK's hierarchy is read through this class's loader */
    static JdkAllowlist standard() {
        try (InputStream in = JdkAllowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from Warden");
            }
            return parse(in, new Supertypes(JdkAllowlist.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the line, if a line does not follow the format
     */
    static JdkAllowlist parse(InputStream text, Supertypes supertypes) throws IOException {
        byte[] bytes = text.readAllBytes();
        JdkAllowlist list = new JdkAllowlist(supertypes, Digests.sha256Hex(bytes));
        BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                list.addRule(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return list;
    }

    private void addRule(String line) {
        String[] parts = line.split("\\s+", 3);
        String directive = parts[0];
        if (parts.length < 2) {
            throw new IllegalArgumentException(directive + " needs a pattern");
        }
        String pattern = parts[1];
        switch (directive) {
            case "allow" -> {
                if (parts.length > 2) {
                    throw new IllegalArgumentException("allow takes one pattern and no reason: " + line);
                }
                add(pattern, "allowed", allowedTypes, allowedMembers);
            }
            case "deny" -> {
                if (parts.length < 3) {
                    throw new IllegalArgumentException("deny needs a reason after the pattern: " + line);
                }
                add(pattern, parts[2], deniedTypes, deniedMembers);
            }
            case "bootstrap" -> {
                int dot = pattern.indexOf('.');
                if (parts.length > 2 || dot <= 0 || pattern.contains("*") || pattern.contains("(")) {
                    throw new IllegalArgumentException("bootstrap takes one TYPE.METHOD: " + line);
                }
                bootstraps.add(pattern);
            }
            default -> throw new IllegalArgumentException("unknown directive '" + directive + "'");
        }
    }

    private static void add(String pattern, String value, TypePatterns<String> types, Map<String, List<MemberRule>> members) {
        int dot = pattern.indexOf('.');
        if (dot < 0) {
            types.add(pattern, value);
            return;
        }
        String owner = pattern.substring(0, dot);
        String member = pattern.substring(dot + 1);
        if (owner.isEmpty() || owner.contains("*") || member.isEmpty()) {
            throw new IllegalArgumentException("a member rule is TYPE.MEMBER with an exact TYPE: " + pattern);
        }
        int paren = member.indexOf('(');
        String name = paren < 0 ? member : member.substring(0, paren);
        String descriptor = paren < 0 ? null : member.substring(paren);
        boolean prefix = name.endsWith("*");
        if (prefix) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.contains("*") || (prefix && descriptor != null)) {
            throw new IllegalArgumentException("not a member pattern: " + pattern);
        }
        members.computeIfAbsent(owner, o -> new ArrayList<>()).add(new MemberRule(name, prefix, descriptor, value));
    }

    /** @return whether {@code type} belongs to the JDK or the plugin API, namespaces a plugin may not declare classes in */
    static boolean isJdkOrApi(String type) {
        return type.startsWith(API_PREFIX) || isJdk(type);
    }

    private static boolean isJdk(String type) {
        for (String prefix : JDK_PREFIXES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a plugin's class loader may hand out the JDK type {@code type}: a type the plugin may use,
     * or one the JVM itself needs to link the allowed bootstrap methods (their owners, and the
     * {@code java.lang.invoke} types in their signatures). Loading a type grants none of its members:
     * those stay for {@link #checkMember} to decide.
     *
     * @param type an internal class name of the JDK, not an array
     */
    boolean mayLoad(String type) {
        if (LINKAGE_TYPES.contains(type)) {
            return true;
        }
        for (String bootstrap : bootstraps) {
            if (bootstrap.startsWith(type + ".")) {
                return true;
            }
        }
        return checkType(type).isEmpty();
    }

    /** @return whether an invokedynamic instruction may name {@code owner.name} as its bootstrap method */
    boolean isBootstrap(String owner, String name) {
        return bootstraps.contains(owner + "." + name);
    }

    /**
     * @param type an internal class name, not an array
     * @return why a plugin may not use {@code type}; empty if it may
     */
    Optional<Refusal> checkType(String type) {
        Optional<Refusal> denied = typeDenial(type);
        if (denied.isPresent()) {
            return denied;
        }
        if (allowedTypes.find(type).isPresent() || allowedMembers.containsKey(type)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(isJdk(type) ? NOT_ALLOWED_JDK : NOT_PLUGIN, false));
    }

    /**
     * @param owner the type named by the instruction, not an array
     * @param descriptor the member's descriptor (method or field)
     * @return why a plugin may not use that member; empty if it may
     */
    Optional<Refusal> checkMember(String owner, String name, String descriptor) {
        Optional<Refusal> denied = typeDenial(owner);
        if (denied.isPresent()) {
            return denied;
        }
        for (String type : supertypes.all(owner)) {
            for (MemberRule rule : deniedMembers.getOrDefault(type, List.of())) {
                if (rule.matches(name, descriptor)) {
                    return Optional.of(new Refusal(rule.reason(), true));
                }
            }
        }
        if (allowedTypes.find(owner).isPresent()) {
            return Optional.empty();
        }
        List<MemberRule> allowed = allowedMembers.get(owner);
        if (allowed != null) {
            for (MemberRule rule : allowed) {
                if (rule.matches(name, descriptor)) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Refusal("not among the members of " + owner + " a plugin may use", false));
        }
        return Optional.of(new Refusal(isJdk(owner) ? NOT_ALLOWED_JDK : NOT_PLUGIN, false));
    }

    private Optional<Refusal> typeDenial(String type) {
        for (String c : supertypes.superclassChain(type)) {
            Optional<String> reason = deniedTypes.find(c);
            if (reason.isPresent()) {
                return Optional.of(new Refusal(reason.get(), true));
            }
        }
        return Optional.empty();
    }
}
