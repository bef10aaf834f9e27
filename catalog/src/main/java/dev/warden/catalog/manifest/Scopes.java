package dev.warden.catalog.manifest;

import java.util.Optional;

import dev.warden.catalog.manifest.RiskPattern.EnvSubject;
import dev.warden.catalog.manifest.RiskPattern.FileSubject;
import dev.warden.catalog.manifest.RiskPattern.HostSubject;
import dev.warden.catalog.manifest.RiskPattern.OtherSubject;
import dev.warden.catalog.manifest.RiskPattern.ProgramForm;
import dev.warden.catalog.manifest.RiskPattern.ProgramSubject;
import dev.warden.catalog.manifest.RiskPattern.Subject;

/**
 * The scope grammar of every permission kind. A valid scope is rated by {@link RiskTable}; this
 * class only checks the grammar and says what the table's patterns compare.
 */
final class Scopes {

    private static final int MAX_SCOPE_LENGTH = 1024;
    private static final int MAX_SCHEDULE_SECONDS = 24 * 60 * 60;

    private Scopes() {
    }

    /** @throws IllegalArgumentException if the scope breaks the kind's grammar */
    static void check(PermissionKind kind, String scope) {
        subject(kind, scope);
    }

    static Risk risk(PermissionKind kind, String scope) {
        return rate(kind, scope).risk();
    }

    /**
     * @return the risk of the scope and the table row that decided it
     * @throws IllegalArgumentException if the scope breaks the kind's grammar
     */
    static RiskTable.Rating rate(PermissionKind kind, String scope) {
        return RiskTable.standard().rate(kind, subject(kind, scope));
    }

    private static Subject subject(PermissionKind kind, String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException(kind.id() + " scope is empty");
        }
        if (scope.length() > MAX_SCOPE_LENGTH) {
            throw new IllegalArgumentException(kind.id() + " scope is longer than " + MAX_SCOPE_LENGTH + " characters");
        }
        Names.requireSafe(kind.id() + " scope", scope);
        if (!scope.equals(scope.strip())) {
            throw new IllegalArgumentException(kind.id() + " scope " + Names.quote(scope)
                    + " starts or ends with whitespace; remove it");
        }
        return switch (kind) {
            case FS_READ, FS_WRITE, FS_DELETE -> new FileSubject(FsScope.parse(scope));
            case NET_EGRESS -> new HostSubject(Origin.parse(templated(kind, scope), false));
            case PROCESS_EXEC -> execSubject(scope);
            case ENV_READ -> envSubject(scope);
            case SECRET_USE -> secretSubject(scope);
            case SCHEDULE -> scheduleSubject(scope);
            case DATA_SHARE -> shareSubject(scope);
            case MCP_SERVER -> mcpSubject(scope);
        };
    }

    /**
     * A URL with {@code ${user_config.KEY}} is checked, and rated, as it would read with a placeholder label where each
     * reference stands; the person grants it filled in ({@link UserConfigUrl}).
     */
    private static String templated(PermissionKind kind, String scope) {
        Optional<String> problem = UserConfigUrl.shapeProblem(scope);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(kind.id() + " scope " + Names.quote(scope) + ": " + problem.get());
        }
        return UserConfigUrl.placeholder(scope);
    }

    private static Subject execSubject(String scope) {
        if (scope.equals("*")) {
            return new ProgramSubject(ProgramForm.ANY, scope);
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
        return new ProgramSubject(ProgramForm.ABSOLUTE, program);
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

    private static Subject envSubject(String scope) {
        if (scope.equals("*")) {
            return new EnvSubject(scope);
        }
        boolean prefix = scope.endsWith("*");
        String name = prefix ? scope.substring(0, scope.length() - 1) : scope;
        if (!isEnvName(name)) {
            throw new IllegalArgumentException("env.read scope " + Names.quote(scope)
                    + " must be a variable name ([A-Za-z_][A-Za-z0-9_]*), a prefix pattern such as ACME_*, or *");
        }
        return new EnvSubject(scope);
    }

    private static boolean isEnvName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_');
    }

    private static Subject secretSubject(String scope) {
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
        return new OtherSubject(scope);
    }

    private static Subject scheduleSubject(String scope) {
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
        return new OtherSubject(scope);
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

    private static Subject shareSubject(String scope) {
        if (!scope.startsWith("plugin:")) {
            throw new IllegalArgumentException("data.share scope " + Names.quote(scope)
                    + " must be plugin:<publisher>/<name>, e.g. plugin:acme/notes");
        }
        try {
            PluginId.parse(scope.substring("plugin:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data.share scope " + Names.quote(scope) + ": " + e.getMessage(), e);
        }
        return new OtherSubject(scope);
    }

    private static Subject mcpSubject(String scope) {
        if (scope.startsWith("https://") || scope.startsWith("http://")) {
            return new HostSubject(Origin.parse(templated(PermissionKind.MCP_SERVER, scope), true));
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
            return new ProgramSubject(ProgramForm.ABSOLUTE, program);
        }
        if (program.startsWith(pluginRoot + "/")) {
            // a program shipped inside the plugin itself
            checkProgramPath("mcp.server", program.substring(pluginRoot.length()));
            return new ProgramSubject(ProgramForm.IN_PLUGIN, program);
        }
        if (program.indexOf('/') >= 0 || program.indexOf('\\') >= 0 || program.contains("${")
                || !program.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '+' || c == '-')) {
            throw new IllegalArgumentException("mcp.server scope " + Names.quote(scope) + ": the program "
                    + Names.quote(program) + " must be an absolute path, ${CLAUDE_PLUGIN_ROOT}/..., or a bare command name");
        }
        return new ProgramSubject(ProgramForm.BARE, program);
    }
}
