package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every risk rule of DESIGN §4, one table per kind: scope | expected risk level. */
class ScopeRiskTest {

    @ParameterizedTest(name = "fs.read {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "${plugin_data}                     | 0",
            "${plugin_data}/**                  | 0",
            "${plugin_data}/cache/*.json        | 0",
            "${workspace}/reports/**            | 1",
            "${workspace}/reports               | 1",
            "${workspace}/src/*.java            | 1",
            "${workspace}                       | 2",
            "${workspace}/**                    | 2",
            "${workspace}/*                     | 2",
            "${workspace}/*.md                  | 2",
            "${workspace}/?rc/**                | 2",
            "${home}/projects/notes             | 3",
            "${home}/.config/nvim/**            | 3",
            "${home}                            | 4",
            "${home}/**                         | 4",
            "${home}/*                          | 4",
            "${home}/*/docs                     | 4",
            "/etc/hosts                         | 4",
            "/                                  | 4",
            "${home}/.ssh                       | 4",
            "${home}/.ssh/id_ed25519.pub        | 4",
            "${home}/.SSH                       | 4",
            "${home}/.ss?                       | 4",
            "${home}/.aws/credentials           | 4",
            "${home}/.gnupg/**                  | 4",
            "${workspace}/.env                  | 4",
            "${workspace}/.env.local            | 4",
            "${workspace}/app/.env.production   | 4",
            "${workspace}/**/.env               | 4",
            "${workspace}/.e*                   | 4",
            "${workspace}/*.env                 | 2",
            "${workspace}/src/*rc               | 1",
            "${home}/.kube/config               | 4",
            "${home}/.docker/config.json        | 4",
            "${home}/.netrc                     | 4",
            "${home}/.npmrc                     | 4",
            "${home}/.pypirc                    | 4",
            "${home}/.git-credentials           | 4",
            "${home}/Library/Keychains/**       | 4",
            "${home}/Library                    | 4",
            "${home}/Library/Fonts              | 3",
            "${home}/.local/share/keyrings      | 4",
            "${home}/.local/share/fonts         | 3",
            "${home}/.mozilla/firefox           | 4",
            "${home}/.config/google-chrome/**   | 4",
            "${home}/.config/chromium           | 4",
            "${home}/.config/*                  | 4",
            "${home}/.config                    | 4",
            "${home}/Library/Application Support/Google/Chrome/Default | 4",
            "${home}/Library/Application Support/Code                 | 3",
            "${home}/.bash_history              | 4",
            "${home}/.python_history            | 4",
            "${home}/.local/share/fish/fish_history | 4",
            "${home}/.cargo/credentials.toml    | 4",
            "${home}/.pgpass                    | 4",
            "${workspace}/.git/config           | 1",
    })
    void ratesFileReads(String scope, int level) {
        assertThat(PermissionKind.FS_READ.riskOf(scope).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "fs.write {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "${plugin_data}/state.json | 1",
            "${workspace}/reports/**   | 2",
            "${workspace}              | 4",
            "${workspace}/*.md         | 3",
            "${home}/notes             | 4",
            "${home}/**                | 4",
            "${workspace}/.env         | 4",
            "/tmp/out                  | 4",
            "${workspace}/.git/hooks/pre-commit | 4",
            "${workspace}/.vscode/tasks.json   | 4",
            "${workspace}/.idea                | 4",
            "${workspace}/.envrc               | 4",
            "${workspace}/**                   | 4",
            "${workspace}/.github/workflows/ci.yml | 2",
            "${workspace}/.git/objects/**      | 2",
    })
    // the whole workspace holds .git/hooks, .vscode, ...: writing it is CRITICAL since issue 14
    void ratesFileWritesOneAboveReadsOrAtTheRiskOfTheCodeTheyReach(String scope, int level) {
        assertThat(PermissionKind.FS_WRITE.riskOf(scope).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "fs.delete {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "${plugin_data}/cache/** | 3",
            "${workspace}/build/**   | 3",
            "${workspace}            | 3",
            "${workspace}/.env       | 4",
            "${home}/Downloads/*.tmp | 4",
            "/tmp/x                  | 4",
    })
    void ratesDeletionsThreeInsideWorkspaceOrPluginDataAndFourElsewhere(String scope, int level) {
        assertThat(PermissionKind.FS_DELETE.riskOf(scope).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "net.egress {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://api.weather.gov          | 1",
            "https://api.weather.gov:8443     | 1",
            "http://example.com               | 1",
            "https://xn--bcher-kva.example    | 1",
            "https://*.example.com            | 2",
            "https://*.api.example.com        | 2",
            "https://*.com                    | 3",
            "https://*.co.uk                  | 3",
            "https://*.github.io              | 3",
            "https://*                        | 4",
            "https://127.0.0.1                | 4",
            "https://10.0.0.1:8080            | 4",
            "https://169.254.169.254          | 4",
            "https://2130706433               | 4",
            "https://0x7f000001               | 4",
            "https://0x7f.0.0.1               | 4",
            "https://0177.0.0.1               | 4",
            "https://127.1                    | 4",
            "https://[::1]                    | 4",
            "https://[::ffff:127.0.0.1]:443   | 4",
            "https://localhost                | 4",
            "http://localhost:3000            | 4",
            "https://app.localhost            | 4",
            "https://*.localhost              | 4",
            "https://*.local                  | 4",
            "https://printer.local            | 4",
            "https://*.internal               | 4",
            "https://metadata.google.internal | 4",
    })
    void ratesNetworkOrigins(String scope, int level) {
        assertThat(PermissionKind.NET_EGRESS.riskOf(scope).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "process.exec {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/usr/bin/git              | 3",
            "/usr/bin/git status *     | 3",
            "/opt/tools/bin/convert -q | 3",
            "*                         | 4",
            "/bin/sh                   | 4",
            "/usr/bin/env python3      | 4",
            "/usr/bin/sudo ls          | 4",
            "/usr/bin/python3          | 4",
            "/usr/local/bin/python3.12 | 4",
            "/usr/local/bin/node       | 4",
            "/usr/bin/osascript        | 4",
            "/usr/bin/perl5.36.0       | 4",
            "/usr/bin/shasum           | 3",
    })
    void ratesPrograms(String scope, int level) {
        assertThat(PermissionKind.PROCESS_EXEC.riskOf(scope).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "env.read {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "PATH                  | 1",
            "HOME                  | 1",
            "LANG                  | 1",
            "KEYBOARD_LAYOUT       | 3",
            "ACME_REGION           | 1",
            "GITHUB_TOKEN          | 3",
            "github_token          | 3",
            "AWS_SECRET_ACCESS_KEY | 3",
            "DB_PASSWORD           | 3",
            "SMTP_PASS             | 3",
            "PASSWD                | 3",
            "GOOGLE_CREDENTIALS    | 3",
            "BASIC_AUTH            | 3",
            "SSH_PRIVATE           | 3",
            "SESSION_ID            | 3",
            "COOKIE_JAR            | 3",
            "API_KEY               | 3",
            "LD_PRELOAD            | 3",
            "DYLD_INSERT_LIBRARIES | 3",
            "DATABASE_URL          | 3",
            "PGPASSWORD            | 3",
            "OPENAI_APIKEY         | 3",
            "OLD_PATH              | 1",
            "ACME_*                | 3",
            "*                     | 4",
    })
    // any name containing KEY is HIGH since issue 14 (APIKEY, OPENAI_APIKEY), so KEYBOARD_LAYOUT is too
    void ratesEnvironmentVariables(String scope, int level) {
        assertThat(PermissionKind.ENV_READ.riskOf(scope).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "secret.use | secret:gh-token@api.github.com        | 2",
            "secret.use | secret:SLACK_BOT@slack.com:443         | 2",
            "schedule   | 0 7 * * 1-5                            | 3",
            "schedule   | */15 * * * *; max=30s                  | 3",
            "schedule   | 0 0 1,15 * 0-6/2; max=2h               | 3",
            "schedule   | 5 4 * 1-12/3 7; max=24h                | 3",
            "data.share | plugin:acme/notes                      | 2",
            "mcp.server | stdio:/usr/local/bin/weather-mcp --port 0 | 3",
            "mcp.server | stdio:${CLAUDE_PLUGIN_ROOT}/bin/server | 3",
            "mcp.server | stdio:npx -y some-server               | 4",
            "mcp.server | stdio:uvx                              | 4",
            "mcp.server | stdio:/usr/bin/node server.js          | 4",
            "mcp.server | https://mcp.example.com/mcp            | 1",
            "mcp.server | https://*.example.com/sse              | 2",
            "mcp.server | http://localhost:8080/mcp              | 4",
    })
    void ratesTheOtherKinds(String kind, String scope, int level) {
        PermissionKind permissionKind = PermissionKind.byId(kind).orElseThrow();
        assertThat(permissionKind.riskOf(scope).level()).isEqualTo(level);
    }
}
