package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scopes each kind's grammar refuses: kind | scope | a fragment of the message the person reads. */
class ScopeGrammarTest {

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
            "fs.read   | reports/**                      | is relative",
            "fs.read   | ./reports                       | is relative",
            "fs.read   | ${workspace}/../etc             | '..' segment",
            "fs.read   | ${workspace}/a/./b              | '.' segment",
            "fs.read   | ${workspace}//a                 | empty segment",
            "fs.read   | ${workspace}/a/                 | empty segment",
            "fs.read   | ${workspace}\\a                 | backslash",
            "fs.read   | ${tmp}/a                        | unknown variable",
            "fs.read   | ${workspace                     | unknown variable",
            "fs.read   | ${workspace}x                   | must continue with '/'",
            "fs.read   | ${workspace}/${home}            | variables may only begin",
            "fs.read   | ${workspace}/a**                | must be a whole segment",
            "fs.read   | ${workspace}/[ab]               | only the globs",
            "fs.read   | ${workspace}/{a,b}              | only the globs",
            "fs.write  | /etc/../root                    | '..' segment",
            "net.egress | api.example.com                | must start with https://",
            "net.egress | HTTPS://api.example.com        | must start with https://",
            "net.egress | ftp://example.com              | must start with https://",
            "net.egress | https://API.example.com        | lowercase",
            "net.egress | https://api.example.com/       | without a path",
            "net.egress | https://api.example.com/v1     | without a path",
            "net.egress | https://user@api.example.com   | user information",
            "net.egress | https://api.example.com@evil.net | user information",
            "net.egress | https://api.example.com?x=1    | query",
            "net.egress | https://api.example.com#frag   | fragment",
            "net.egress | https://api%2eexample.com      | percent-encoding",
            "net.egress | https://api.example.com:0      | port must be",
            "net.egress | https://api.example.com:65536  | port must be",
            "net.egress | https://api.example.com:080    | port must be",
            "net.egress | https://api.example.com:       | port must be",
            "net.egress | https://api.*.example.com      | whole leftmost label",
            "net.egress | https://*api.example.com       | whole leftmost label",
            "net.egress | https://*.                     | empty label",
            "net.egress | https://api.example.com.       | empty label",
            "net.egress | https://-api.example.com       | must not start or end with '-'",
            "net.egress | https://api_x.example.com      | may only contain",
            "net.egress | https://                       | has no host",
            "net.egress | https://[::1                   | no closing",
            "net.egress | https://[::G]                  | lowercase hex",
            "process.exec | git                          | absolute program path",
            "process.exec | /usr/bin/../bin/git          | without empty",
            "process.exec | /usr/bin/gi*                 | fixed path",
            "process.exec | '/usr/bin/git '              | whitespace",
            "env.read  | 1PATH                           | variable name",
            "env.read  | A-B                             | variable name",
            "env.read  | A*B                             | variable name",
            "secret.use | gh-token@api.github.com        | secret:<name>@<host>",
            "secret.use | secret:gh-token                | secret:<name>@<host>",
            "secret.use | secret:gh token@api.github.com | secret name",
            "secret.use | secret:@api.github.com         | secret name",
            "secret.use | secret:t@*.github.com          | one DNS name",
            "secret.use | secret:t@127.0.0.1             | one DNS name",
            "schedule  | 0 7 * *                         | 5 cron fields",
            "schedule  | 0  7 * * *                      | separated by single spaces",
            "schedule  | 0 7 ** * *                      | comma lists",
            "schedule  | 60 * * * *                      | from 0 to 59",
            "schedule  | 0 24 * * *                      | from 0 to 23",
            "schedule  | 0 0 0 * *                       | from 1 to 31",
            "schedule  | 0 0 * 13 *                      | from 1 to 12",
            "schedule  | 0 0 * * 8                       | from 0 to 7",
            "schedule  | 5-1 * * * *                     | low to high",
            "schedule  | */0 * * * *                     | step after '/'",
            "schedule  | 5/2 * * * *                     | needs '*' or a range",
            "schedule  | 0 7 * * MON                     | comma lists",
            "schedule  | 0 7 * * *; max=25h              | at most 24h",
            "schedule  | 0 7 * * *; max=10               | s, m or h",
            "schedule  | 0 7 * * *; max=0s               | s, m or h",
            "schedule  | 0 7 * * *;max=10m               | '; max=DURATION'",
            "data.share | acme/notes                     | plugin:<publisher>/<name>",
            "data.share | plugin:Acme/notes              | kebab-case",
            "data.share | plugin:acme                    | exactly one '/'",
            "mcp.server | npx some-server                | stdio:<command line>",
            "mcp.server | stdio:                         | must name a program",
            "mcp.server | 'stdio: npx'                   | must name a program",
            "mcp.server | stdio:./server                 | bare command name",
            "mcp.server | stdio:${HOME}/server           | bare command name",
            "mcp.server | https://mcp.example.com/a/../b | '.' or '..'",
            "mcp.server | https://mcp.example.com/?k=1   | query",
    })
    void refusesMalformedScopesWithAnActionableMessage(String kind, String scope, String message) {
        PermissionKind permissionKind = PermissionKind.byId(kind).orElseThrow();
        assertThatThrownBy(() -> permissionKind.riskOf(scope))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        // the grammar alone, without the risk table, and so every permission made, refuse it alike
        assertThatThrownBy(() -> permissionKind.checkScope(scope))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> Permission.of(permissionKind, scope, "the plugin needs it"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
