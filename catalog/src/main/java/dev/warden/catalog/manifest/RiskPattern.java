package dev.warden.catalog.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pattern column of one {@link RiskTable} row, compiled, and the scopes it is matched against.
 * What a pattern means depends on the row's kinds; the grammar is written at the top of the table.
 */
sealed interface RiskPattern {

    /** A scope already checked against its kind's grammar, in the form the patterns compare. */
    sealed interface Subject {
    }

    /** A file scope of fs.read, fs.write or fs.delete. */
    record FileSubject(FsScope scope) implements Subject {
    }

    /** How a program is named: {@code *}, an absolute path, a bare command name, or a path inside the plugin. */
    enum ProgramForm { ANY, ABSOLUTE, BARE, IN_PLUGIN }

    /** A program of process.exec or of an mcp.server stdio command line. */
    record ProgramSubject(ProgramForm form, String program) implements Subject {
        String fileName() {
            return program.substring(program.lastIndexOf('/') + 1);
        }
    }

    /** The origin of net.egress or of an mcp.server URL. */
    record HostSubject(Origin origin) implements Subject {
    }

    /** An env.read scope: a name, a prefix pattern {@code PREFIX_*}, or {@code *}. */
    record EnvSubject(String scope) implements Subject {
    }

    /** A scope of a kind with a single row (secret.use, schedule, data.share). */
    record OtherSubject(String scope) implements Subject {
    }

    boolean matches(Subject subject);

    /**
     * @throws IllegalArgumentException if the pattern is not one the row's kinds understand
     */
    static RiskPattern compile(Set<PermissionKind> kinds, String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("has an empty pattern");
        }
        boolean files = true;
        boolean programs = kinds.contains(PermissionKind.PROCESS_EXEC);
        boolean hosts = kinds.contains(PermissionKind.NET_EGRESS);
        for (PermissionKind kind : kinds) {
            boolean file = kind == PermissionKind.FS_READ || kind == PermissionKind.FS_WRITE || kind == PermissionKind.FS_DELETE;
            files &= file;
            programs &= kind == PermissionKind.PROCESS_EXEC || kind == PermissionKind.MCP_SERVER;
            hosts &= kind == PermissionKind.NET_EGRESS || kind == PermissionKind.MCP_SERVER;
        }
        if (files) {
            return fileRule(pattern);
        }
        if (programs) {
            return programRule(pattern);
        }
        if (hosts) {
            return hostRule(pattern);
        }
        if (kinds.size() > 1) {
            throw new IllegalArgumentException("mixes kinds whose patterns mean different things: " + kinds);
        }
        PermissionKind kind = kinds.iterator().next();
        return switch (kind) {
            case MCP_SERVER -> stdioRule(pattern);
            case ENV_READ -> envRule(pattern);
            case SECRET_USE -> singleRow(pattern, "secret:<name>@<host>");
            case SCHEDULE -> singleRow(pattern, "<cron>");
            case DATA_SHARE -> singleRow(pattern, "plugin:<id>");
            default -> throw new IllegalStateException("unreachable: " + kind);
        };
    }

    /** Whether the text has only ASCII letters, digits and the given other characters. */
    private static boolean only(String text, String others) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || others.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static RiskPattern singleRow(String pattern, String expected) {
        if (!pattern.equals(expected)) {
            throw new IllegalArgumentException("has the pattern '" + pattern + "'; this kind has one row, written " + expected);
        }
        return new AnyScope();
    }

    // ---- files

    // no string concatenation on this path: its first use costs a cold start as much as the whole table
    private static RiskPattern fileRule(String pattern) {
        if (pattern.startsWith("**/")) {
            return new Named(segments(pattern, pattern.substring(3)));
        }
        if (pattern.equals("/")) {
            return new WholeRoot(FsScope.Root.ABSOLUTE);
        }
        if (pattern.equals("/<path>")) {
            return new NamedFirstFolder(FsScope.Root.ABSOLUTE);
        }
        if (pattern.startsWith("/")) {
            return new Place(FsScope.Root.ABSOLUTE, segments(pattern, pattern.substring(1)));
        }
        for (FsScope.Root root : new FsScope.Root[] {FsScope.Root.WORKSPACE, FsScope.Root.PLUGIN_DATA, FsScope.Root.HOME}) {
            String variable = variable(root);
            if (!pattern.startsWith(variable)) {
                continue;
            }
            String rest = pattern.substring(variable.length());
            if (rest.isEmpty()) {
                return new WholeRoot(root);
            }
            if (rest.equals("/<folder>")) {
                return new NamedFirstFolder(root);
            }
            if (rest.startsWith("/")) {
                return new Place(root, segments(pattern, rest.substring(1)));
            }
        }
        throw new IllegalArgumentException("has the file pattern '" + pattern
                + "'; expected ${workspace}, ${home}, ${plugin_data} or / with /<folder>, a place, or **/place");
    }

    private static String variable(FsScope.Root root) {
        return switch (root) {
            case WORKSPACE -> "${workspace}";
            case PLUGIN_DATA -> "${plugin_data}";
            case HOME -> "${home}";
            case ABSOLUTE -> "/";
        };
    }

    private static List<String> segments(String pattern, String path) {
        List<String> segments = List.of(path.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.contains("**") || segment.contains("<") || segment.contains("${")) {
                throw new IllegalArgumentException("has the place '" + pattern
                        + "'; a place is a sequence of names that may use * and ?");
            }
        }
        return segments;
    }

    /** The whole of a root: a scope that names no first folder, or names it with a wildcard. */
    record WholeRoot(FsScope.Root root) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof FileSubject f && f.scope().root() == root && f.scope().wholeRoot();
        }
    }

    /** A scope of the root whose first folder is named without wildcards. */
    record NamedFirstFolder(FsScope.Root root) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof FileSubject f && f.scope().root() == root && !f.scope().wholeRoot();
        }
    }

    /** A place at any depth under any root, matched when a segment of the scope names it. */
    record Named(List<String> location) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof FileSubject f && f.scope().names(location);
        }
    }

    /** A place at one root, matched by every scope of that root that reaches it or into it. */
    record Place(FsScope.Root root, List<String> place) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof FileSubject f && f.scope().root() == root && f.scope().reaches(place);
        }
    }

    // ---- programs

    private static RiskPattern programRule(String pattern) {
        if (pattern.equals("*")) {
            return new AnyProgram();
        }
        if (pattern.equals("/<program>")) {
            return new ProgramOfForm(ProgramForm.ABSOLUTE);
        }
        if (!only(pattern, "._+-")) {
            throw new IllegalArgumentException("has the program pattern '" + pattern
                    + "'; expected *, /<program> or a program's file name");
        }
        return new ProgramName(pattern.toLowerCase(Locale.ROOT));
    }

    private static RiskPattern stdioRule(String pattern) {
        return switch (pattern) {
            case "stdio:<command>" -> new ProgramOfForm(ProgramForm.BARE);
            case "stdio:${CLAUDE_PLUGIN_ROOT}/<program>" -> new ProgramOfForm(ProgramForm.IN_PLUGIN);
            case "stdio:/<program>" -> new ProgramOfForm(ProgramForm.ABSOLUTE);
            default -> throw new IllegalArgumentException("has the mcp.server pattern '" + pattern
                    + "'; expected stdio:<command>, stdio:${CLAUDE_PLUGIN_ROOT}/<program> or stdio:/<program>");
        };
    }

    /** The scope {@code *} of process.exec: any program. */
    record AnyProgram() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof ProgramSubject p && p.form() == ProgramForm.ANY;
        }
    }

    /** Any program named in one form. */
    record ProgramOfForm(ProgramForm form) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof ProgramSubject p && p.form() == form;
        }
    }

    /**
     * A program by file name, case-insensitively (a macOS disk finds {@code Python3} for
     * {@code python3}), also followed by a version such as {@code 3.12} or {@code -18}, and after the
     * version by a build tag ({@code python3.11-dbg}, Debian's {@code perl5.36-x86_64-linux-gnu}).
     * Only absolute paths and bare command names are compared: a program inside the plugin is its own code.
     */
    record ProgramName(String name) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            if (!(subject instanceof ProgramSubject p) || p.form() != ProgramForm.ABSOLUTE && p.form() != ProgramForm.BARE) {
                return false;
            }
            String file = p.fileName().toLowerCase(Locale.ROOT);
            return file.startsWith(name) && isVersion(file.substring(name.length()));
        }

        private static boolean isVersion(String rest) {
            if (rest.isEmpty()) {
                return true;
            }
            String version = rest.startsWith("-") ? rest.substring(1) : rest;
            int tag = version.indexOf('-');
            if (tag >= 0) {
                version = version.substring(0, tag);
            }
            return !version.isEmpty() && Character.isDigit(version.charAt(0)) && digitsAndDots(version);
        }

        private static boolean digitsAndDots(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(c >= '0' && c <= '9' || c == '.')) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- hosts

    private static RiskPattern hostRule(String pattern) {
        switch (pattern) {
            case "*":
                return new HostOfKind(Origin.HostKind.ANY);
            case "<ip address>":
                return new HostOfKind(Origin.HostKind.IP);
            case "<host>":
                return new HostOfKind(Origin.HostKind.NAME);
            case "*.<domain>":
                return new HostOfKind(Origin.HostKind.WILDCARD);
            case "*.<top-level domain>":
                return new WildcardOverTopLevelDomain();
            case "<single-label name>":
                return new SingleLabelName();
            default:
                break;
        }
        boolean wildcard = pattern.startsWith("*.");
        String domain = wildcard ? pattern.substring(2) : pattern;
        // the table is Warden's own text: a plain check is enough, the grammar's lambdas cost start-up time
        if (domain.isEmpty() || !only(domain, ".-") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                || !domain.equals(domain.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("has the host pattern '" + pattern
                    + "'; expected *, <ip address>, <host>, <single-label name>, *.<domain>, *.<top-level domain>,"
                    + " or a lowercase *.domain or name");
        }
        return wildcard ? new WildcardOver(domain) : new NameAndBelow(domain);
    }

    /** Every host of one kind: any, numeric, one name, or a wildcard. */
    record HostOfKind(Origin.HostKind kind) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof HostSubject h && h.origin().hostKind() == kind;
        }
    }

    /** A wildcard over a domain of one label, such as {@code *.com}. */
    record WildcardOverTopLevelDomain() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof HostSubject h && h.origin().hostKind() == Origin.HostKind.WILDCARD
                    && h.origin().domain().indexOf('.') < 0;
        }
    }

    /** A name without a dot, such as {@code nas}: resolved through the local network's search domains. */
    record SingleLabelName() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof HostSubject h && h.origin().hostKind() == Origin.HostKind.NAME
                    && h.origin().host().indexOf('.') < 0;
        }
    }

    /** A wildcard over exactly this domain, such as {@code *.github.io}. */
    record WildcardOver(String domain) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof HostSubject h && h.origin().hostKind() == Origin.HostKind.WILDCARD
                    && h.origin().domain().equals(domain);
        }
    }

    /** A name, any name under it, and a wildcard over either: {@code localhost}, {@code app.localhost}, {@code *.localhost}. */
    record NameAndBelow(String name) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            if (!(subject instanceof HostSubject h)
                    || h.origin().hostKind() != Origin.HostKind.NAME && h.origin().hostKind() != Origin.HostKind.WILDCARD) {
                return false;
            }
            String domain = h.origin().domain();
            return domain.equals(name) || domain.endsWith("." + name);
        }
    }

    // ---- environment variables

    private static RiskPattern envRule(String pattern) {
        switch (pattern) {
            case "*":
                return new AllVariables();
            case "<prefix>*":
                return new AnyPrefix();
            case "<name>":
                return new AnyVariableName();
            default:
                break;
        }
        if (!only(pattern, "_*")) {
            throw new IllegalArgumentException("has the env.read pattern '" + pattern
                    + "'; expected *, <prefix>*, <name> or a glob of letters, digits, '_' and '*'");
        }
        return new VariableGlob(pattern);
    }

    /** The scope {@code *}: every variable. */
    record AllVariables() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof EnvSubject e && e.scope().equals("*");
        }
    }

    /** Any prefix pattern such as {@code ACME_*}. */
    record AnyPrefix() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof EnvSubject e && e.scope().endsWith("*") && !e.scope().equals("*");
        }
    }

    /** Any one variable name. */
    record AnyVariableName() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof EnvSubject e && !e.scope().endsWith("*");
        }
    }

    /** Variables whose names match a glob, case-insensitively; a prefix scope matches when it may name one. */
    record VariableGlob(String glob) implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof EnvSubject e && Globs.intersect(e.scope(), glob);
        }
    }

    // ---- kinds with one row

    /** Every scope of the row's kind. */
    record AnyScope() implements RiskPattern {
        @Override
        public boolean matches(Subject subject) {
            return subject instanceof OtherSubject;
        }
    }
}
