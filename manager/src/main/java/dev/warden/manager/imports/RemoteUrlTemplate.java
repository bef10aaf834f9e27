package dev.warden.manager.imports;

import dev.warden.catalog.manifest.UserConfigUrl;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.runtime.HttpAddresses;
import dev.warden.registry.mcp.McpEnvVar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote's URL as the MCP Registry writes it ({@code https://{tenant}.example.com/mcp}) made into the
 * form Warden's {@code .mcp.json} fills in ({@code https://${user_config.tenant}.example.com/mcp}), and the
 * origin it reaches. The URL is granted as written: at install each variable is filled in with the value the
 * person gives, and the review shows and grants the URL filled in ({@link UserConfigUrl}, which also says where a
 * variable may stand: a host label left of a fixed domain, or a path segment). Refused here as well: a secret
 * variable (a URL is shown), a variable the entry does not describe, user information, and a host that is a
 * private, loopback or metadata address.
 *
 * @param url       the URL with {@code ${user_config.NAME}} for each {@code {NAME}}: the {@code mcp.server} scope too
 * @param origin    the {@code net.egress} scope: the URL's origin, variables and all
 * @param variables the variables used, in order of first use
 */
record RemoteUrlTemplate(String url, String origin, List<String> variables) {

    static final String USER_CONFIG = "${user_config.";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");

    /**
     * @param declared the variables the entry describes; a URL using another is refused
     * @return the template
     * @throws IllegalArgumentException saying what is wrong with the URL, for the import's refusal
     */
    static RemoteUrlTemplate parse(String registryUrl, List<McpEnvVar> declared) {
        if (!registryUrl.startsWith("https://")) {
            throw new IllegalArgumentException("it is not https");
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher variable = VARIABLE.matcher(registryUrl);
        StringBuilder rest = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            if (declared.stream().noneMatch(v -> v.name().equals(name))) {
                throw new IllegalArgumentException("it uses the variable {" + UnsafeCharacters.escape(name)
                        + "}, which the entry does not describe");
            }
            names.add(name);
            variable.appendReplacement(rest, Matcher.quoteReplacement("\0" + name + "\0"));
        }
        variable.appendTail(rest);
        String marked = rest.toString();
        if (marked.indexOf('{') >= 0 || marked.indexOf('}') >= 0 || marked.contains("$")) {
            throw new IllegalArgumentException("it has a brace or '$' that is not a {NAME} variable");
        }
        for (String name : names) {
            if (declared.stream().anyMatch(v -> v.name().equals(name) && v.secret())) {
                throw new IllegalArgumentException("its variable {" + UnsafeCharacters.escape(name) + "} is secret, and a"
                        + " URL is shown and granted as it is filled in");
            }
        }
        String filled = fill(marked);
        String afterScheme = filled.substring("https://".length());
        int slash = afterScheme.indexOf('/');
        String authority = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("it puts user information ('@') before the host");
        }
        UserConfigUrl.shapeProblem(filled).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int colon = authority.lastIndexOf(':');
        String host = colon >= 0 && !authority.startsWith("[") ? authority.substring(0, colon) : authority;
        String port = host.length() < authority.length() ? authority.substring(host.length()) : "";
        String fixedHost = UserConfigUrl.isTemplate(host) ? host.substring(host.lastIndexOf('}') + 1).replaceFirst("^[^.]*\\.", "")
                : host;
        HttpAddresses.restrictedRangeOf(fixedHost, false).ifPresent(range -> {
            throw new IllegalArgumentException("its host is a " + range + " address");
        });
        // granted as written, each variable filled in at install with the value the person gives (UserConfigUrl)
        String origin = "https://" + host + (port.equals(":443") ? "" : port);
        return new RemoteUrlTemplate(filled, origin, List.copyOf(names));
    }

    private static String fill(String marked) {
        return marked.replaceAll("\0([^\0]+)\0", Matcher.quoteReplacement(USER_CONFIG) + "$1}");
    }
}
