package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.Collection;
import java.util.Objects;

/**
 * Decides whether one permission implies another (for updates: is a request inside what the person
 * granted?) and whether two permissions can reach a common target (for policy blocks).
 *
 * <p>{@link #covers} errs towards "not covered", which means one more question to the person;
 * {@link #overlaps} errs towards "overlaps", which means one more refusal by policy. Kinds are separate
 * permissions, as in Chrome: {@code fs.write} does not cover {@code fs.read}, nor {@code fs.read} a
 * {@code fs.write}, even on the same folder.
 *
 * <p>Coverage by kind:
 * <ul>
 *   <li>{@code fs.*}: same root ({@code ${workspace}}, {@code ${plugin_data}}, {@code ${home}} or
 *       absolute), and every path the request matches is matched by the grant. {@code **} spans
 *       folders, {@code *} and {@code ?} stay within one name, a scope also covers everything below a
 *       matched folder. As the broker enforces them, wildcards never match a leading '.', and a grant
 *       reaches a secret location ({@code .ssh}, {@code Library/Keychains}, ...) only through a segment
 *       that names it with a literal character: {@code ${home}/**} does not cover {@code ${home}/Library/Fonts}
 *       because {@code Library} begins a secret location. Names compare case-sensitively.</li>
 *   <li>{@code net.egress}: same scheme, same port (an absent port is 443 for https, 80 for http),
 *       and the granted host covers the requested one ({@link HostPattern#covers}).</li>
 *   <li>{@code process.exec}: {@code *} covers every request; otherwise the same program, and either the
 *       grant has no argument pattern or both have the same one.</li>
 *   <li>{@code env.read}: {@code *} covers every request; {@code PREFIX_*} covers names and prefixes
 *       starting with {@code PREFIX_}; a name covers itself.</li>
 *   <li>{@code schedule}: the same cron expression and a maximum run time no longer than the granted one.</li>
 *   <li>{@code secret.use}, {@code data.share}, {@code mcp.server}: the same scope.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class PermissionCoverage {

    private PermissionCoverage() {
    }

    /**
     * @param granted   a permission the person approved
     * @param requested a permission a plugin asks for
     * @return true when everything {@code requested} allows is also allowed by {@code granted}: same
     *         kind, and the requested scope within the granted one; false when unsure. Reasons and the
     *         optional flag play no part.
     */
    public static boolean covers(Permission granted, Permission requested) {
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(requested, "requested");
        if (granted.kind() != requested.kind()) {
            return false;
        }
        String g = granted.scope();
        String r = requested.scope();
        if (g.equals(r)) {
            return true;
        }
        return switch (granted.kind()) {
            case FS_READ, FS_WRITE, FS_DELETE -> FileScopes.covers(g, r);
            case NET_EGRESS -> NetOrigin.parse(g).covers(NetOrigin.parse(r));
            case PROCESS_EXEC -> Program.parse(g).covers(Program.parse(r));
            case ENV_READ -> envCovers(g, r);
            case SCHEDULE -> Schedule.parse(g).covers(Schedule.parse(r));
            case SECRET_USE, DATA_SHARE, MCP_SERVER -> false;
        };
    }

    /**
     * @param granted   the permissions the person approved, possibly empty
     * @param requested a permission a plugin asks for
     * @return true if one granted permission {@link #covers} the request on its own; a request spread
     *         over several grants (two folders for one pattern) counts as not covered
     */
    public static boolean coveredByAny(Collection<Permission> granted, Permission requested) {
        Objects.requireNonNull(requested, "requested");
        for (Permission g : granted) {
            if (covers(g, requested)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the two permissions can allow a common target, for policy blocks: {@code fs} {@code ${home}/**}
     * overlaps {@code ${home}/.ssh/**}; {@code net.egress} {@code https://*.example.com} overlaps
     * {@code https://api.example.com}. Symmetric. An {@code mcp.server} permission also overlaps the
     * {@code process.exec} of its stdio program (a bare command name may be any program with that
     * name) and the {@code net.egress} of its URL's origin, because starting the server does exactly that.
     * Two {@code schedule} permissions always overlap. {@code process.exec} of the same program
     * overlaps whatever the argument patterns. File scopes overlap generously: case is ignored and
     * wildcards are taken to match hidden names too, so that a block cannot be slipped past by the
     * broker's leading-dot rule; {@code ${workspace}}, {@code ${home}} and {@code ${plugin_data}} are
     * taken as separate places (a block on {@code ${home}/.ssh/**} does not refuse {@code ${workspace}/**}),
     * each of which may lie below any absolute path.
     *
     * @return true when some target may be allowed by both; true when unsure
     */
    public static boolean overlaps(Permission a, Permission b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.kind() != b.kind()) {
            if (a.kind() == PermissionKind.MCP_SERVER) {
                return mcpImplies(a.scope(), b);
            }
            return b.kind() == PermissionKind.MCP_SERVER && mcpImplies(b.scope(), a);
        }
        String x = a.scope();
        String y = b.scope();
        if (x.equals(y)) {
            return true;
        }
        return switch (a.kind()) {
            case FS_READ, FS_WRITE, FS_DELETE -> FileScopes.overlaps(x, y);
            case NET_EGRESS -> NetOrigin.parse(x).overlaps(NetOrigin.parse(y));
            case PROCESS_EXEC -> Program.parse(x).overlaps(Program.parse(y));
            case ENV_READ -> envOverlaps(x, y);
            case SCHEDULE -> true;
            case MCP_SERVER -> mcpOverlaps(x, y);
            case SECRET_USE, DATA_SHARE -> false;
        };
    }

    private static boolean envCovers(String granted, String requested) {
        if (granted.equals("*")) {
            return true;
        }
        if (requested.equals("*") || !granted.endsWith("*")) {
            return false;
        }
        return requested.startsWith(granted.substring(0, granted.length() - 1));
    }

    private static boolean envOverlaps(String a, String b) {
        if (a.equals("*") || b.equals("*")) {
            return true;
        }
        String x = a.endsWith("*") ? a.substring(0, a.length() - 1) : a;
        String y = b.endsWith("*") ? b.substring(0, b.length() - 1) : b;
        if (a.endsWith("*") && y.startsWith(x) || b.endsWith("*") && x.startsWith(y)) {
            return true;
        }
        return a.equals(b);
    }

    private static boolean mcpImplies(String mcpScope, Permission other) {
        if (mcpScope.startsWith("stdio:")) {
            return other.kind() == PermissionKind.PROCESS_EXEC
                    && Program.ofCommandLine(mcpScope.substring("stdio:".length())).overlaps(Program.parse(other.scope()));
        }
        return other.kind() == PermissionKind.NET_EGRESS
                && NetOrigin.parse(mcpScope).overlaps(NetOrigin.parse(other.scope()));
    }

    private static boolean mcpOverlaps(String a, String b) {
        boolean stdioA = a.startsWith("stdio:");
        boolean stdioB = b.startsWith("stdio:");
        if (stdioA && stdioB) {
            return Program.ofCommandLine(a.substring("stdio:".length()))
                    .overlaps(Program.ofCommandLine(b.substring("stdio:".length())));
        }
        return !stdioA && !stdioB && NetOrigin.parse(a).overlaps(NetOrigin.parse(b));
    }
}
