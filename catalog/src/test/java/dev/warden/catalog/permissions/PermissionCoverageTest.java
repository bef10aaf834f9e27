package dev.warden.catalog.permissions;

import static dev.warden.catalog.permissions.Perms.p;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionCoverageTest {

    @ParameterizedTest(name = "{0}: granted {1} covers {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // files: subtrees, single-segment globs, roots
            "fs.read   | ${workspace}/**              | ${workspace}/docs/**              | true",
            "fs.read   | ${workspace}                 | ${workspace}/docs/readme.md       | true",
            "fs.read   | ${workspace}/docs            | ${workspace}/docs/**              | true",
            "fs.read   | ${workspace}/docs/**         | ${workspace}/docs                 | true",
            "fs.read   | ${workspace}/docs/**         | ${workspace}/**                   | false",
            "fs.read   | ${workspace}/docs/**         | ${workspace}/docs2/**             | false",
            "fs.read   | ${workspace}/docs/**         | ${workspace}/doc/**               | false",
            "fs.read   | ${workspace}/*/notes         | ${workspace}/a/notes/x.md         | true",
            "fs.read   | ${workspace}/*/notes         | ${workspace}/a/b/notes            | false",
            "fs.read   | ${workspace}/**/notes        | ${workspace}/a/b/notes            | true",
            "fs.read   | ${workspace}/*.md            | ${workspace}/readme.md            | true",
            "fs.read   | ${workspace}/*.md            | ${workspace}/a*.md                | true",
            "fs.read   | ${workspace}/a*.md           | ${workspace}/*.md                 | false",
            "fs.read   | ${workspace}/?.md            | ${workspace}/a.md                 | true",
            "fs.read   | ${workspace}/?.md            | ${workspace}/*.md                 | false",
            "fs.read   | ${workspace}/docs/*          | ${workspace}/docs/**              | false",
            "fs.read   | ${workspace}/Docs/**         | ${workspace}/docs/**              | false",
            "fs.read   | ${workspace}/**              | ${home}/projects/**               | false",
            "fs.read   | ${home}/**                   | ${workspace}/**                   | false",
            "fs.read   | /                            | ${home}/notes                     | false",
            "fs.read   | /                            | /etc/hosts                        | true",
            "fs.read   | /etc/**                      | /etc/ssl/certs/**                 | true",
            "fs.read   | /etc/ssl                     | /etc/**                           | false",
            // wildcards never match a leading '.', and secret locations need a literal name
            "fs.read   | ${workspace}/**              | ${workspace}/.env                 | false",
            "fs.read   | ${workspace}/**              | ${workspace}/.github/**           | false",
            "fs.read   | ${workspace}/*               | ${workspace}/.hidden              | false",
            "fs.read   | ${workspace}/.*              | ${workspace}/.github              | true",
            "fs.read   | ${home}/**                   | ${home}/.ssh/**                   | false",
            "fs.read   | ${home}/**                   | ${home}/Library/Keychains/**      | false",
            "fs.read   | ${home}/**                   | ${home}/notes/**                  | true",
            "fs.read   | ${home}/.ssh/**              | ${home}/.ssh/known_hosts          | true",
            "fs.read   | ${home}/Library/**           | ${home}/Library/Keychains/login   | true",
            "fs.read   | ${home}/*/Keychains          | ${home}/Library/Keychains         | false",
            // different file kinds are different permissions
            "fs.write  | ${workspace}/**              | ${workspace}/docs/**              | true",
            // network: scheme, port, host
            "net.egress | https://*                   | https://api.example.com           | true",
            "net.egress | https://*                   | https://10.0.0.1                  | true",
            "net.egress | https://*                   | https://api.example.com:8443      | false",
            "net.egress | https://*.example.com       | https://api.example.com           | true",
            "net.egress | https://*.example.com       | https://b.a.example.com           | true",
            "net.egress | https://*.example.com       | https://*.a.example.com           | true",
            "net.egress | https://*.example.com       | https://example.com               | false",
            "net.egress | https://*.example.com       | https://evilexample.com           | false",
            "net.egress | https://*.example.com       | https://api.example.com.evil.net  | false",
            "net.egress | https://*.example.com       | https://*                         | false",
            "net.egress | https://api.example.com     | https://*.example.com             | false",
            "net.egress | https://api.example.com     | http://api.example.com            | false",
            "net.egress | http://api.example.com      | https://api.example.com           | false",
            "net.egress | https://api.example.com     | https://api.example.com:443       | true",
            "net.egress | https://api.example.com:443 | https://api.example.com           | true",
            "net.egress | http://api.example.com:80   | http://api.example.com            | true",
            "net.egress | https://api.example.com     | https://api.example.com:8443      | false",
            "net.egress | https://api.example.com:80  | https://api.example.com           | false",
            "net.egress | https://127.0.0.1           | https://2130706433                | true",
            "net.egress | https://[::1]               | https://[0:0:0:0:0:0:0:1]         | true",
            // programs
            "process.exec | *                         | /usr/bin/git status *             | true",
            "process.exec | /usr/bin/git              | /usr/bin/git status *             | true",
            "process.exec | /usr/bin/git status *     | /usr/bin/git status *             | true",
            "process.exec | /usr/bin/git status *     | /usr/bin/git                      | false",
            "process.exec | /usr/bin/git status *     | /usr/bin/git push *               | false",
            "process.exec | /usr/bin/git              | /usr/local/bin/git                | false",
            "process.exec | /usr/bin/git              | *                                 | false",
            // environment
            "env.read  | *                            | HOME                              | true",
            "env.read  | ACME_*                       | ACME_REGION                       | true",
            "env.read  | ACME_*                       | ACME_API_*                        | true",
            "env.read  | ACME_*                       | ACMEX                             | false",
            "env.read  | ACME_API_*                   | ACME_*                            | false",
            "env.read  | ACME_REGION                  | ACME_*                            | false",
            "env.read  | HOME                         | *                                 | false",
            // exact kinds and schedules
            "secret.use | secret:gh@api.github.com    | secret:gh@api.github.com          | true",
            "secret.use | secret:gh@api.github.com    | secret:gh@uploads.github.com      | false",
            "data.share | plugin:acme/notes           | plugin:acme/notes                 | true",
            "data.share | plugin:acme/notes           | plugin:acme/notes2                | false",
            "mcp.server | stdio:npx -y server        | stdio:npx -y server               | true",
            "mcp.server | stdio:npx -y server        | stdio:npx -y server --debug       | false",
            "schedule  | 0 * * * *; max=10m           | 0 * * * *                         | true",
            "schedule  | 0 * * * *; max=10m           | 0 * * * *; max=600s               | true",
            "schedule  | 0 * * * *                    | 0 * * * *; max=10m                | false",
            "schedule  | 0 * * * *; max=1h            | 30 * * * *                        | false",
    })
    void decidesWhetherAGrantCoversARequest(String kind, String granted, String requested, boolean expected) {
        assertThat(PermissionCoverage.covers(p(kind + " " + granted), p(kind + " " + requested))).isEqualTo(expected);
    }

    @Test
    void keepsDifferentKindsApartEvenOnTheSameScope() {
        assertThat(PermissionCoverage.covers(p("fs.write ${workspace}/**"), p("fs.read ${workspace}/**"))).isFalse();
        assertThat(PermissionCoverage.covers(p("fs.read ${workspace}/**"), p("fs.write ${workspace}/**"))).isFalse();
        assertThat(PermissionCoverage.covers(p("fs.write ${workspace}/**"), p("fs.delete ${workspace}/**"))).isFalse();
    }

    @Test
    void ignoresReasonsAndTheOptionalFlag() {
        Permission granted = new Permission(p("env.read HOME").kind(), "HOME", "one reason", true);
        Permission requested = new Permission(granted.kind(), "HOME", "another reason", false);
        assertThat(PermissionCoverage.covers(granted, requested)).isTrue();
    }

    @Test
    void needsOneGrantThatCoversTheWholeRequest() {
        List<Permission> granted = List.of(p("fs.read ${workspace}/a/**"), p("fs.read ${workspace}/b/**"));
        assertThat(PermissionCoverage.coveredByAny(granted, p("fs.read ${workspace}/b/x"))).isTrue();
        assertThat(PermissionCoverage.coveredByAny(granted, p("fs.read ${workspace}/?/x"))).isFalse();
        assertThat(PermissionCoverage.coveredByAny(List.of(), p("env.read HOME"))).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} overlaps {0} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "fs.read    | ${home}/**                 | ${home}/.ssh/**               | true",
            "fs.read    | ${home}                    | ${home}/.ssh/id_rsa           | true",
            "fs.read    | ${home}/*                  | ${home}/.ssh                  | true",
            "fs.read    | ${home}/.SSH/**            | ${home}/.ssh/**               | true",
            "fs.read    | ${home}/.ss?/config        | ${home}/.ssh/**               | true",
            "fs.read    | ${home}/notes/**           | ${home}/.ssh/**               | false",
            "fs.read    | ${home}/*/x                | ${home}/a/y                   | false",
            "fs.read    | ${home}/**/x               | ${home}/a/b/x                 | true",
            "fs.read    | /                          | ${home}/.ssh/**               | true",
            "fs.read    | /home/*/.ssh/**            | ${home}/.ssh/**               | true",
            // ${home} may be any folder, /usr/share/alice included
            "fs.read    | /usr/share/**              | ${home}/.ssh/**               | true",
            "fs.read    | /etc/hosts                 | /etc/**                       | true",
            "fs.read    | /etc/hosts                 | /etc/passwd                   | false",
            "fs.read    | ${workspace}/**            | ${home}/.ssh/**               | false",
            "net.egress | https://*.example.com      | https://api.example.com       | true",
            "net.egress | https://*.example.com      | https://*.a.example.com       | true",
            "net.egress | https://*.example.com      | https://example.com           | false",
            "net.egress | https://*.example.com      | https://evilexample.com       | false",
            "net.egress | https://*                  | https://10.0.0.1              | true",
            "net.egress | https://api.example.com    | http://api.example.com        | false",
            "net.egress | https://api.example.com    | https://api.example.com:8443  | false",
            "net.egress | https://169.254.169.254    | https://0xa9fea9fe            | true",
            "process.exec | /usr/bin/git             | /usr/bin/git push *           | true",
            "process.exec | /usr/bin/git status *    | /usr/bin/git push *           | true",
            "process.exec | *                        | /usr/bin/git                  | true",
            "process.exec | /usr/bin/git             | /usr/bin/curl                 | false",
            "env.read   | AWS_*                      | AWS_SECRET_ACCESS_KEY         | true",
            "env.read   | AWS_*                      | AWS_S*                        | true",
            "env.read   | AWS_*                      | AZURE_*                       | false",
            "env.read   | *                          | HOME                          | true",
            "env.read   | HOME                       | PATH                          | false",
            "schedule   | * * * * *                  | 0 3 * * 1                     | true",
            "secret.use | secret:gh@api.github.com   | secret:gl@api.github.com      | false",
            "data.share | plugin:acme/notes          | plugin:acme/notes             | true",
            "mcp.server | stdio:npx -y a             | stdio:npx -y b                | true",
            "mcp.server | stdio:/usr/bin/node a.js   | stdio:node b.js               | true",
            "mcp.server | stdio:/usr/bin/node a.js   | stdio:/usr/bin/python3 a.py   | false",
            "mcp.server | https://mcp.evil.net/mcp   | https://mcp.evil.net/other    | true",
            "mcp.server | https://mcp.evil.net/mcp   | stdio:npx mcp.evil.net        | false",
    })
    void decidesWhetherTwoScopesCanAllowACommonTargetInEitherOrder(String kind, String a, String b, boolean expected) {
        assertOverlapsEitherWay(kind + " " + a, kind + " " + b, expected);
    }

    @ParameterizedTest(name = "{0} overlaps {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "mcp.server stdio:/usr/bin/node server.js     | process.exec /usr/bin/node       | true",
            "mcp.server stdio:node server.js              | process.exec /usr/local/bin/node | true",
            "mcp.server stdio:npx -y x                    | process.exec *                   | true",
            "mcp.server stdio:${CLAUDE_PLUGIN_ROOT}/bin/x | process.exec /usr/bin/x          | false",
            "mcp.server stdio:/usr/bin/node server.js     | net.egress https://*             | false",
            "mcp.server https://api.example.com/mcp       | net.egress https://*.example.com | true",
            "mcp.server https://api.example.com/mcp       | net.egress http://*.example.com  | false",
            "fs.read ${workspace}/**                      | fs.write ${workspace}/**         | false",
            "secret.use secret:gh@api.github.com          | net.egress https://*             | false",
    })
    void letsAnMcpServerOverlapTheProgramOrOriginItImplies(String a, String b, boolean expected) {
        assertOverlapsEitherWay(a, b, expected);
    }

    /** Overlap is symmetric: {@code a} overlaps {@code b} exactly when {@code b} overlaps {@code a}. */
    private static void assertOverlapsEitherWay(String a, String b, boolean expected) {
        assertThat(PermissionCoverage.overlaps(p(a), p(b))).isEqualTo(expected);
        assertThat(PermissionCoverage.overlaps(p(b), p(a))).isEqualTo(expected);
    }
}
