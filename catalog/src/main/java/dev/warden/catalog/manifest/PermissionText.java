package dev.warden.catalog.manifest;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.Risk;
import java.util.ArrayList;
import java.util.List;

/**
 * Says in plain words what a permission lets a plugin do, for the review screen. The scope has
 * already been validated by {@link Permission}, so this only rephrases it.
 */
public final class PermissionText {

    private PermissionText() {
    }

    /**
     * @param permission a valid permission
     * @return one sentence without a final period, e.g. {@code Read files in your workspace under reports/}
     */
    public static String describe(Permission permission) {
        String scope = permission.scope();
        return switch (permission.kind()) {
            case FS_READ -> files("Read files", scope);
            case FS_WRITE -> files("Write files", scope);
            case FS_DELETE -> files("Delete files (moved to Warden's trash)", scope);
            case NET_EGRESS -> origin(scope);
            case PROCESS_EXEC -> program(scope);
            case ENV_READ -> environment(scope);
            case SECRET_USE -> secret(scope);
            case SCHEDULE -> schedule(scope);
            case DATA_SHARE -> "Send data to the plugin " + scope.substring("plugin:".length());
            case MCP_SERVER -> scope.startsWith("stdio:")
                    ? "Start the MCP server: " + scope.substring("stdio:".length())
                    : "Connect to the MCP server at " + scope;
        };
    }

    /** @return {@code none}, {@code low}, {@code medium}, {@code high} or {@code critical} */
    public static String riskLabel(Risk risk) {
        return switch (risk) {
            case NONE -> "none";
            case LOW -> "low";
            case MEDIUM -> "medium";
            case HIGH -> "high";
            case CRITICAL -> "critical";
        };
    }

    private static String files(String verb, String scope) {
        String place;
        String rest;
        if (scope.startsWith("${workspace}")) {
            place = "your workspace";
            rest = scope.substring("${workspace}".length());
        } else if (scope.startsWith("${plugin_data}")) {
            place = "the plugin's own data folder";
            rest = scope.substring("${plugin_data}".length());
        } else if (scope.startsWith("${home}")) {
            place = "your home folder";
            rest = scope.substring("${home}".length());
        } else {
            return scope.equals("/") ? verb + " anywhere on this computer" : verb + " at " + scope;
        }
        List<String> segments = new ArrayList<>(rest.isEmpty() ? List.of() : List.of(rest.substring(1).split("/")));
        while (!segments.isEmpty() && segments.get(segments.size() - 1).equals("**")) {
            segments.remove(segments.size() - 1);
        }
        if (segments.isEmpty() || segments.size() == 1 && segments.get(0).equals("*")) {
            return verb + " anywhere in " + place;
        }
        String path = String.join("/", segments);
        boolean literal = segments.stream().noneMatch(s -> s.indexOf('*') >= 0 || s.indexOf('?') >= 0);
        return literal ? verb + " in " + place + " under " + path + "/" : verb + " in " + place + " matching " + path;
    }

    private static String origin(String scope) {
        boolean https = scope.startsWith("https://");
        String authority = scope.substring(https ? "https://".length() : "http://".length());
        String transport = https ? " over HTTPS" : " over plain HTTP (unencrypted)";
        String host = authority;
        String port = "";
        if (!authority.startsWith("[") && authority.lastIndexOf(':') >= 0 || authority.contains("]:")) {
            int colon = authority.lastIndexOf(':');
            host = authority.substring(0, colon);
            port = " on port " + authority.substring(colon + 1);
        }
        if (host.equals("*")) {
            return "Connect to any host on the internet" + port + transport;
        }
        if (host.startsWith("*.")) {
            return "Connect to any subdomain of " + host.substring(2) + port + (https ? "" : transport);
        }
        return "Connect to " + host + port + transport;
    }

    private static String program(String scope) {
        if (scope.equals("*")) {
            return "Run any program on this computer";
        }
        int space = scope.indexOf(' ');
        return space < 0 ? "Run the program " + scope
                : "Run the program " + scope.substring(0, space) + " with arguments matching: " + scope.substring(space + 1);
    }

    private static String environment(String scope) {
        if (scope.equals("*")) {
            return "Read all your environment variables";
        }
        if (scope.endsWith("*")) {
            return "Read the environment variables starting with " + scope.substring(0, scope.length() - 1);
        }
        return "Read the environment variable " + scope;
    }

    private static String secret(String scope) {
        int at = scope.indexOf('@');
        return "Use your secret \"" + scope.substring("secret:".length(), at) + "\" when talking to "
                + scope.substring(at + 1) + " (the plugin never sees it)";
    }

    private static String schedule(String scope) {
        int semi = scope.indexOf(';');
        String cron = semi < 0 ? scope : scope.substring(0, semi);
        String limit = semi < 0 ? "5m" : scope.substring(semi + "; max=".length());
        return "Run on a schedule: " + cron + ", at most " + duration(limit) + " each time";
    }

    private static String duration(String limit) {
        long amount = Long.parseLong(limit.substring(0, limit.length() - 1));
        String unit = switch (limit.charAt(limit.length() - 1)) {
            case 's' -> "second";
            case 'm' -> "minute";
            default -> "hour";
        };
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
