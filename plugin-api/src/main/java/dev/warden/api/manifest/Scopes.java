package dev.warden.api.manifest;

import java.util.Locale;
import java.util.Set;

/** The scope grammar of every permission kind, and the risk of a valid scope. */
final class Scopes {

    private static final Set<String> SECRET_WORDS = Set.of("TOKEN", "TOKENS", "SECRET", "SECRETS", "KEY", "KEYS",
            "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "CREDENTIAL", "CREDENTIALS", "AUTH", "PRIVATE", "SESSION",
            "COOKIE", "COOKIES");

    /** Programs that run whatever their arguments say, so no argument pattern really narrows them. */
    private static final Set<String> COMMAND_RUNNERS = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish", "csh",
            "tcsh", "env", "sudo", "doas", "su", "pwsh", "busybox", "xargs", "nohup", "timeout");

    private static final int MAX_SCOPE_LENGTH = 1024;
    private static final int MAX_SCHEDULE_SECONDS = 24 * 60 * 60;

    private Scopes() {
    }

    static Risk risk(PermissionKind kind, String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException(kind.id() + " scope is empty");
        }
        if (scope.length() > MAX_SCOPE_LENGTH) {
            throw new IllegalArgumentException(kind.id() + " scope is longer than " + MAX_SCOPE_LENGTH + " characters");
        }
        UnsafeText.requireSafe(kind.id() + " scope", scope);
        if (!scope.equals(scope.strip())) {
            throw new IllegalArgumentException(kind.id() + " scope " + Names.quote(scope)
                    + " starts or ends with whitespace; remove it");
        }
        return switch (kind) {
            case FS_READ -> FsScope.parse(scope).readRisk();
            case FS_WRITE -> FsScope.parse(scope).writeRisk();
            case FS_DELETE -> FsScope.parse(scope).deleteRisk();
            case NET_EGRESS -> Origin.parse(scope, false).risk();
            case PROCESS_EXEC -> execRisk(scope);
            case ENV_READ -> envRisk(scope);
            case SECRET_USE -> secretRisk(scope);
            case SCHEDULE -> scheduleRisk(scope);
            case DATA_SHARE -> shareRisk(scope);
            case MCP_SERVER -> mcpRisk(scope);
        };
    }

    private static Risk execRisk(String scope) {
        if (scope.equals("*")) {
            return Risk.CRITICAL;
        }
        if (!scope.startsWith("/")) {
            throw new IllegalArgumentException("process.exec scope " + Names.quote(scope)
                    + " must start with an absolute program path such as /usr/bin/git, or be * for any program");
        }
        int space = scope.indexOf(' ');
        String program = space < 0 ? scope : scope.substring(0, space);
        checkProgramPath("process.exec", program);
        if (space >= 0 && scope.substring(space + 1).isBlank()) {
            throw new IllegalArgumentException("process.exec scope " + Names.quote(scope)
                    + " has a space after the program but no argument pattern");
        }
        return COMMAND_RUNNERS.contains(baseName(program)) ? Risk.CRITICAL : Risk.HIGH;
    }

    private static void checkProgramPath(String kind, String program) {
        String[] segments = program.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(kind + " program " + Names.quote(program)
                        + " must be a plain absolute path without empty, '.' or '..' segments");
            }
        }
        if (program.indexOf('\\') >= 0 || program.indexOf('*') >= 0 || program.indexOf('?') >= 0
                || program.contains("${")) {
            throw new IllegalArgumentException(kind + " program " + Names.quote(program)
                    + " must be a fixed path: no backslashes, wildcards or variables");
        }
    }

    private static String baseName(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }

    private static Risk envRisk(String scope) {
        if (scope.equals("*")) {
            return Risk.CRITICAL;
        }
        boolean prefix = scope.endsWith("*");
        String name = prefix ? scope.substring(0, scope.length() - 1) : scope;
        if (!isEnvName(name)) {
            throw new IllegalArgumentException("env.read scope " + Names.quote(scope)
                    + " must be a variable name ([A-Za-z_][A-Za-z0-9_]*), a prefix pattern such as ACME_*, or *");
        }
        if (prefix) {
            return Risk.HIGH;
        }
        for (String part : name.toUpperCase(Locale.ROOT).split("_")) {
            if (SECRET_WORDS.contains(part)) {
                return Risk.HIGH;
            }
        }
        return Risk.LOW;
    }

    private static boolean isEnvName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_');
    }

    private static Risk secretRisk(String scope) {
        int at = scope.indexOf('@');
        if (!scope.startsWith("secret:") || at < 0) {
            throw new IllegalArgumentException("secret.use scope " + Names.quote(scope)
                    + " must be secret:<name>@<host>, e.g. secret:gh-token@api.github.com");
        }
        String name = scope.substring("secret:".length(), at);
        if (name.isEmpty() || name.length() > Names.MAX_NAME_LENGTH
                || !name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '_' || c == '-')) {
            throw new IllegalArgumentException("secret.use scope " + Names.quote(scope)
                    + ": the secret name must be 1 to 64 letters, digits, '_' or '-'");
        }
        String hostPort = scope.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (colon >= 0) {
            Origin.parsePort(scope, hostPort.substring(colon + 1));
        }
        if (Origin.checkHost(scope, host) != Origin.HostKind.NAME) {
            throw new IllegalArgumentException("secret.use scope " + Names.quote(scope)
                    + ": the host must be one DNS name, without wildcards or IP addresses");
        }
        return Risk.MEDIUM;
    }

    private static Risk scheduleRisk(String scope) {
        String cron = scope;
        int semi = scope.indexOf(';');
        if (semi >= 0) {
            cron = scope.substring(0, semi);
            String limit = scope.substring(semi);
            if (!limit.startsWith("; max=")) {
                throw new IllegalArgumentException("schedule scope " + Names.quote(scope)
                        + ": after the cron expression write '; max=DURATION', e.g. '; max=10m'");
            }
            durationSeconds(scope, limit.substring("; max=".length()));
        }
        String[] fields = cron.split(" ", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("schedule scope " + Names.quote(scope)
                    + " must have 5 cron fields separated by single spaces: minute hour day-of-month month day-of-week");
        }
        checkCronField(scope, "minute", fields[0], 0, 59);
        checkCronField(scope, "hour", fields[1], 0, 23);
        checkCronField(scope, "day-of-month", fields[2], 1, 31);
        checkCronField(scope, "month", fields[3], 1, 12);
        checkCronField(scope, "day-of-week", fields[4], 0, 7);
        return Risk.HIGH;
    }

    /** @return the duration in seconds, e.g. 600 for {@code 10m} */
    static int durationSeconds(String scope, String duration) {
        int unit = duration.isEmpty() ? 1 : switch (duration.charAt(duration.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            default -> -1;
        };
        String digits = duration.isEmpty() ? "" : duration.substring(0, duration.length() - 1);
        if (unit < 0 || !isSmallNumber(digits) || digits.charAt(0) == '0') {
            throw new IllegalArgumentException("schedule scope " + Names.quote(scope)
                    + ": max must be a positive number followed by s, m or h, e.g. 30s, 10m, 2h");
        }
        long seconds = (long) Integer.parseInt(digits) * unit;
        if (seconds > MAX_SCHEDULE_SECONDS) {
            throw new IllegalArgumentException("schedule scope " + Names.quote(scope) + ": max must be at most 24h");
        }
        return (int) seconds;
    }

    private static void checkCronField(String scope, String name, String field, int min, int max) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("schedule scope " + Names.quote(scope) + ": the " + name + " field is empty");
        }
        for (String item : field.split(",", -1)) {
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                String step = item.substring(slash + 1);
                if (!isSmallNumber(step) || Integer.parseInt(step) < 1 || Integer.parseInt(step) > max - min + 1) {
                    throw cronError(scope, name, item, "the step after '/' must be from 1 to " + (max - min + 1));
                }
                if (!range.equals("*") && range.indexOf('-') < 0) {
                    throw cronError(scope, name, item, "a step needs '*' or a range a-b before the '/'");
                }
            }
            if (range.equals("*")) {
                continue;
            }
            int dash = range.indexOf('-');
            String from = dash < 0 ? range : range.substring(0, dash);
            String to = dash < 0 ? range : range.substring(dash + 1);
            if (!isSmallNumber(from) || !isSmallNumber(to) || from.length() > 2 || to.length() > 2) {
                throw cronError(scope, name, item, "use *, */n, a, a-b, a-b/n or comma lists of numbers");
            }
            int a = Integer.parseInt(from);
            int b = Integer.parseInt(to);
            if (a < min || a > max || b < min || b > max) {
                throw cronError(scope, name, item, "values must be from " + min + " to " + max);
            }
            if (a > b) {
                throw cronError(scope, name, item, "a range must go from low to high");
            }
        }
    }

    private static IllegalArgumentException cronError(String scope, String field, String item, String why) {
        return new IllegalArgumentException("schedule scope " + Names.quote(scope) + ": " + field + " "
                + Names.quote(item) + " is invalid; " + why);
    }

    private static boolean isSmallNumber(String s) {
        return !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Risk shareRisk(String scope) {
        if (!scope.startsWith("plugin:")) {
            throw new IllegalArgumentException("data.share scope " + Names.quote(scope)
                    + " must be plugin:<publisher>/<name>, e.g. plugin:acme/notes");
        }
        try {
            PluginId.parse(scope.substring("plugin:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data.share scope " + Names.quote(scope) + ": " + e.getMessage(), e);
        }
        return Risk.MEDIUM;
    }

    private static Risk mcpRisk(String scope) {
        if (scope.startsWith("https://") || scope.startsWith("http://")) {
            return Origin.parse(scope, true).risk();
        }
        if (!scope.startsWith("stdio:")) {
            throw new IllegalArgumentException("mcp.server scope " + Names.quote(scope)
                    + " must be stdio:<command line> or an https:// or http:// URL");
        }
        String commandLine = scope.substring("stdio:".length());
        if (commandLine.isEmpty() || commandLine.startsWith(" ")) {
            throw new IllegalArgumentException("mcp.server scope " + Names.quote(scope)
                    + " must name a program right after stdio:, e.g. stdio:npx -y some-server");
        }
        int space = commandLine.indexOf(' ');
        String program = space < 0 ? commandLine : commandLine.substring(0, space);
        String pluginRoot = "${CLAUDE_PLUGIN_ROOT}";
        if (program.startsWith("/")) {
            checkProgramPath("mcp.server", program);
            return COMMAND_RUNNERS.contains(baseName(program)) ? Risk.CRITICAL : Risk.HIGH;
        }
        if (program.startsWith(pluginRoot + "/")) {
            // a program shipped inside the plugin itself
            checkProgramPath("mcp.server", program.substring(pluginRoot.length()));
            return Risk.HIGH;
        }
        if (program.indexOf('/') >= 0 || program.indexOf('\\') >= 0 || program.contains("${")
                || !program.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '+' || c == '-')) {
            throw new IllegalArgumentException("mcp.server scope " + Names.quote(scope) + ": the program "
                    + Names.quote(program) + " must be an absolute path, ${CLAUDE_PLUGIN_ROOT}/..., or a bare command name");
        }
        return Risk.CRITICAL;
    }
}
