package dev.warden.manager.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which isolation someone asks for: the strongest this machine offers ({@link #AUTO}, the default), or
 * one mode. {@link IsolationChoice} weighs it against the machine and the policy.
 */
public enum IsolationRequest {
    /** Process isolation where bubblewrap works, else in-process unless policy requires process isolation. */
    AUTO("auto"),
    /** Process isolation or nothing: refused on a machine without a working bubblewrap. */
    PROCESS("process"),
    /** In Warden's own process, for debugging and benchmarks; refused where policy requires process isolation. */
    IN_PROCESS("in-process");

    private final String id;

    IsolationRequest(String id) {
        this.id = id;
    }

    /** @return how the command line writes it: {@code auto}, {@code process} or {@code in-process} */
    public String id() {
        return id;
    }

    /**
     * @param text {@code auto}, {@code process} or {@code in-process}, in any case
     * @return the request that text names, or empty if it names none
     */
    public static Optional<IsolationRequest> byId(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst();
    }

    /**
     * @param text {@code auto}, {@code process} or {@code in-process}, in any case
     * @return the request that text names
     * @throws IllegalArgumentException naming the accepted values, if the text names none
     */
    public static IsolationRequest parse(String text) {
        return byId(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an isolation mode; use "
                + ids() + " (auto: process isolation where bubblewrap works, else in-process unless policy forbids it)"));
    }

    /** @return the accepted values, as {@code auto, process or in-process} */
    static String ids() {
        String all = Arrays.stream(values()).map(IsolationRequest::id).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
