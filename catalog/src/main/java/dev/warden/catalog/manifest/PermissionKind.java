package dev.warden.catalog.manifest;

import java.util.Optional;

/**
 * What a permission allows. Each kind has its own scope grammar, checked when a {@link Permission}
 * is created; the javadoc of each constant gives the grammar. Risks come from one reviewed table,
 * {@code risk-rules.tsv} beside this class, which also gives the reason the review shows.
 *
 * @since 0.1
 */
public enum PermissionKind {
    /**
     * Read files. Scope: a root {@code ${workspace}}, {@code ${plugin_data}} or {@code ${home}},
     * optionally followed by {@code /}-separated segments that may use the globs {@code *}, {@code ?}
     * and {@code **} (a whole segment); or an absolute path. A scope covers every path it matches and
     * everything below a matched folder. As in shells, wildcards never match a name's leading
     * {@code .}: {@code ${workspace}/*} does not reach {@code ${workspace}/.env}. Secret paths ({@code .ssh}, {@code .env*}, keychains,
     * browser profiles, shell history, cloud and package-manager credentials: the {@code fs.read **}/ rows of
     * {@code risk-rules.tsv}) inside a granted folder are reachable only when a segment of the scope
     * names them with at least one literal character.
     */
    FS_READ("fs.read"),
    /** Create and change files; same scope grammar as {@link #FS_READ}. */
    FS_WRITE("fs.write"),
    /** Move files to Warden's trash; same scope grammar as {@link #FS_READ}. */
    FS_DELETE("fs.delete"),
    /** Open connections to an origin: {@code https://host[:port]} or {@code http://host[:port]}. */
    NET_EGRESS("net.egress"),
    /** Run an absolute program, optionally limited by an argument pattern: {@code /usr/bin/git status *}. */
    PROCESS_EXEC("process.exec"),
    /** Read environment variables: a name, a prefix pattern {@code PREFIX_*}, or {@code *}. */
    ENV_READ("env.read"),
    /** Have Warden inject a stored secret into requests to one host: {@code secret:name@host[:port]}. */
    SECRET_USE("secret.use"),
    /** Run on a 5-field cron schedule, optionally {@code ; max=10m} (default 5 minutes, at most 24 hours). */
    SCHEDULE("schedule"),
    /** Pass data to another plugin: {@code plugin:publisher/name}. */
    DATA_SHARE("data.share"),
    /** Start an MCP server: {@code stdio:<command line>} or an {@code https://} / {@code http://} URL. */
    MCP_SERVER("mcp.server");

    private final String id;

    PermissionKind(String id) {
        this.id = id;
    }

    /** @return the identifier used in {@code plugin.json}, e.g. {@code fs.read} */
    public String id() {
        return id;
    }

    /**
     * Checks a scope against this kind's grammar and rates it.
     *
     * @param scope the scope as written in {@code plugin.json}
     * @return how risky granting this kind with this scope is
     * @throws IllegalArgumentException if the scope does not follow this kind's grammar; the message
     *                                  names the offending part and what to write instead
     */
    public Risk riskOf(String scope) {
        return Scopes.risk(this, scope);
    }

    /**
     * Checks a scope against this kind's grammar without rating it, as {@link #riskOf} does first: a command that only
     * reads permissions back (remove, list) need not load the risk table.
     *
     * @param scope the scope as written in {@code plugin.json}
     * @throws IllegalArgumentException as {@link #riskOf} does, for a scope that does not follow this kind's grammar
     */
    public void checkScope(String scope) {
        Scopes.check(this, scope);
    }

    /**
     * Tells whether one {@code /}-free segment of a file scope ({@link #FS_READ}, {@link #FS_WRITE},
     * {@link #FS_DELETE}) can name the first folder or file of a secret location such as {@code .ssh},
     * {@code .env*} or the {@code Library} of {@code Library/Keychains}. Such a location inside a
     * granted folder is reachable only through a segment for which this returns true, so code that
     * compares scopes (coverage on update, policy blocks) uses it to keep secrets out of wildcards.
     *
     * @param segment one segment of a file scope, a name or a glob with {@code *} and {@code ?}
     * @return true if the segment has a literal character and can match, case-insensitively, the
     *         first name of a secret location; false for {@code **} and for segments made only of wildcards
     * @throws NullPointerException if the segment is null
     * @since 0.1
     */
    public static boolean mayNameSecretLocation(String segment) {
        return FsScope.mayStartSecret(segment);
    }

    /**
     * @param id an identifier as written in {@code plugin.json}; case-sensitive
     * @return the kind with that identifier, or empty if there is none
     */
    public static Optional<PermissionKind> byId(String id) {
        for (PermissionKind kind : values()) {
            if (kind.id.equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
