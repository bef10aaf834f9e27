package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote MCP server's URL (or its {@code net.egress} origin) with {@code ${user_config.KEY}} in it, as the MCP
 * Registry's URL variables become ({@code https://${user_config.tenant}.example.com/mcp}). A reference may stand only
 * where a filled value cannot change the URL's shape: in a label of the host left of a fixed domain (never the whole
 * host, the port or the scheme), or in a path segment; and the value must then be one DNS label or one plain path
 * segment, so no value moves the host, adds user information, a port, a query or another segment.
 *
 * @since 0.2
 */
public final class UserConfigUrl {

    /** A {@code ${user_config.KEY}} reference; group 1 is the key. */
    public static final Pattern REFERENCE = Pattern.compile("\\$\\{user_config\\.([A-Za-z0-9_-]{1,64})}");
    /** What a reference stands for while a templated scope's grammar is checked: a DNS label and a path segment. */
    static final String PLACEHOLDER = "user-config";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]{1,255}");

    private UserConfigUrl() {
    }

    /** @return whether the text holds a {@code ${user_config.KEY}} reference */
    public static boolean isTemplate(String url) {
        return REFERENCE.matcher(url).find();
    }

    /** @return the keys the URL refers to, in order, each once */
    public static List<String> keys(String url) {
        List<String> keys = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(url);
        while (reference.find()) {
            if (!keys.contains(reference.group(1))) {
                keys.add(reference.group(1));
            }
        }
        return keys;
    }

    /**
     * @return why a reference of the URL stands where a value could change its shape; empty if none does (or it has none)
     */
    public static Optional<String> shapeProblem(String url) {
        if (!isTemplate(url)) {
            return Optional.empty();
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0 || url.substring(0, schemeEnd).contains("${")) {
            return Optional.of("a ${user_config.KEY} may not stand in its scheme");
        }
        String rest = url.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int colon = authority.lastIndexOf(':'); // a reference holds no ':'
        if (colon >= 0 && authority.substring(colon).contains("${")) {
            return Optional.of("a ${user_config.KEY} may not stand in its port");
        }
        String host = colon >= 0 ? authority.substring(0, colon) : authority;
        Matcher reference = REFERENCE.matcher(host);
        int lastEnd = -1;
        while (reference.find()) {
            lastEnd = reference.end();
        }
        // two fixed labels at least: ${user_config.X}.com would let the value pick any domain of .com
        String fixed = lastEnd < 0 ? "" : host.substring(lastEnd);
        int dot = fixed.indexOf('.');
        if (lastEnd >= 0 && (dot < 0 || fixed.indexOf('.', dot + 1) < 0)) {
            return Optional.of("a ${user_config.KEY} may stand in its host only left of a fixed domain of two labels"
                    + " or more (as in https://${user_config.tenant}.example.com), never as the whole host or its domain");
        }
        if (REFERENCE.matcher(url).replaceAll("").contains("${")) {
            return Optional.of("it holds a ${...} that is not ${user_config.KEY}");
        }
        return Optional.empty();
    }

    /** @return the URL with every reference replaced by a placeholder label, for checking a templated scope's grammar */
    static String placeholder(String url) {
        return REFERENCE.matcher(url).replaceAll(PLACEHOLDER);
    }

    /**
     * Fills the references of a URL.
     *
     * @param url    the URL as declared
     * @param values the value of each key; empty when it has none
     * @return the URL filled in
     * @throws IllegalArgumentException naming the key and why, if a reference stands where it may not, a key has no
     *                                  value, or a value is not one DNS label (in the host) or one path segment (in
     *                                  the path); the message shows the value, so only non-sensitive values are filled
     */
    public static String fill(String url, Function<String, Optional<String>> values) {
        Optional<String> shape = shapeProblem(url);
        if (shape.isPresent()) {
            throw new IllegalArgumentException("the URL " + Names.quote(url) + " cannot be filled in: " + shape.get());
        }
        int schemeEnd = url.indexOf("://");
        int pathStart = url.indexOf('/', schemeEnd + 3);
        Matcher reference = REFERENCE.matcher(url);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String key = reference.group(1);
            String value = values.apply(key).orElseThrow(() -> new IllegalArgumentException("the URL " + Names.quote(url)
                    + " needs user_config." + key + ", which has no value; set it with: warden config set ID " + key + " VALUE"));
            boolean inHost = pathStart < 0 || reference.start() < pathStart;
            boolean fits = inHost ? LABEL.matcher(value).matches()
                    : SEGMENT.matcher(value).matches() && !value.equals(".") && !value.equals("..");
            if (!fits) {
                throw new IllegalArgumentException("user_config." + key + " is " + Names.quote(value) + ", which would change"
                        + " the shape of the URL " + Names.quote(url) + ": in the " + (inHost
                        ? "host it must be one DNS label (letters, digits and '-', at most 63)"
                        : "path it must be one segment of letters, digits, '.', '_', '~' and '-'"));
            }
            reference.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        reference.appendTail(out);
        return out.toString();
    }
}
