package dev.warden.manager.imports;

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
 * permissions that URL needs. A variable may be the leftmost label of the host (the server is then
 * reached at any name under the rest of the host, which the permissions say as {@code *.example.com})
 * or stand in the path; anywhere else (scheme, user information, port, another label) it is refused,
 * since the person could not see from the review where the server would be reached.
 *
 * @param url        the URL with {@code ${user_config.NAME}} for each {@code {NAME}}
 * @param serverScope the {@code mcp.server} scope: the URL exactly, a host variable written as {@code *}
 * @param origin     the {@code net.egress} scope: the origin, its host variable written as {@code *}
 * @param variables  the variables used, in order of first use
 */
record RemoteUrlTemplate(String url, String serverScope, String origin, List<String> variables) {

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
        String afterScheme = marked.substring("https://".length());
        int slash = afterScheme.indexOf('/');
        String authority = slash < 0 ? afterScheme : afterScheme.substring(0, slash);
        String path = slash < 0 ? "" : afterScheme.substring(slash);
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("it puts user information ('@') before the host");
        }
        String hostPattern = authority;
        String port = "";
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.startsWith("[")) {
            hostPattern = authority.substring(0, colon);
            port = authority.substring(colon);
            if (port.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a variable stands in its port");
            }
        }
        String[] labels = hostPattern.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].indexOf('\0') < 0) {
                continue;
            }
            boolean wholeLeftmost = i == 0 && labels[0].matches("\0[^\0]+\0");
            if (!wholeLeftmost) {
                throw new IllegalArgumentException("a variable stands in its host other than as its whole first label"
                        + " (as in https://{tenant}.example.com)");
            }
            if (labels.length < 3) {
                throw new IllegalArgumentException("a variable stands for all of its host but a top-level domain");
            }
        }
        boolean hostVariable = labels[0].indexOf('\0') >= 0;
        String fixedHost = hostVariable ? hostPattern.substring(hostPattern.indexOf('.') + 1) : hostPattern;
        HttpAddresses.restrictedRangeOf(fixedHost, false).ifPresent(range -> {
            throw new IllegalArgumentException("its host is a " + range + " address");
        });
        String filled = fill(marked);
        // the mcp.server scope is the url as .mcp.json writes it (a url is granted as written), a host variable as '*'
        String serverScope = hostVariable ? "https://*." + filled.substring(filled.indexOf('.', filled.indexOf('}')) + 1) : filled;
        String origin = "https://" + (hostVariable ? "*." + fixedHost : fixedHost) + (port.equals(":443") ? "" : port);
        return new RemoteUrlTemplate(filled, serverScope, origin, List.copyOf(names));
    }

    private static String fill(String marked) {
        return marked.replaceAll("\0([^\0]+)\0", Matcher.quoteReplacement(USER_CONFIG) + "$1}");
    }
}
