package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionTextTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "fs.read      | ${workspace}/reports/**            | Read files in your workspace under reports/",
            "fs.read      | ${workspace}/reports                | Read files in your workspace under reports/",
            "fs.read      | ${workspace}                        | Read files anywhere in your workspace",
            "fs.read      | ${workspace}/**                     | Read files anywhere in your workspace",
            "fs.read      | ${workspace}/src/*.java             | Read files in your workspace matching src/*.java",
            "fs.read      | ${plugin_data}                      | Read files anywhere in the plugin's own data folder",
            "fs.write     | ${home}/**                          | Write files anywhere in your home folder",
            "fs.write     | ${home}/notes/**                    | Write files in your home folder under notes/",
            "fs.delete    | ${workspace}/build/**               | Delete files (moved to Warden's trash) in your workspace under build/",
            "fs.read      | /etc/hosts                          | Read files at /etc/hosts",
            "fs.read      | /                                   | Read files anywhere on this computer",
            "net.egress   | https://api.weather.gov             | Connect to api.weather.gov over HTTPS",
            "net.egress   | https://api.weather.gov:8443        | Connect to api.weather.gov on port 8443 over HTTPS",
            "net.egress   | http://example.com                  | Connect to example.com over plain HTTP (unencrypted)",
            "net.egress   | https://*.example.com               | Connect to any subdomain of example.com",
            "net.egress   | https://*                           | Connect to any host on the internet over HTTPS",
            "net.egress   | https://[::1]:8080                  | Connect to [::1] on port 8080 over HTTPS",
            "process.exec | /usr/bin/git                        | Run the program /usr/bin/git",
            "process.exec | /usr/bin/git status *               | Run the program /usr/bin/git with arguments matching: status *",
            "process.exec | *                                   | Run any program on this computer",
            "env.read     | GITHUB_TOKEN                        | Read the environment variable GITHUB_TOKEN",
            "env.read     | ACME_*                              | Read the environment variables starting with ACME_",
            "env.read     | *                                   | Read all your environment variables",
            "secret.use   | secret:gh-token@api.github.com      | Use your secret \"gh-token\" when talking to api.github.com (the plugin never sees it)",
            "schedule     | 0 7 * * 1-5; max=10m                | Run on a schedule: 0 7 * * 1-5, at most 10 minutes each time",
            "schedule     | */30 * * * *                        | Run on a schedule: */30 * * * *, at most 5 minutes each time",
            "schedule     | 0 0 * * *; max=1h                   | Run on a schedule: 0 0 * * *, at most 1 hour each time",
            "data.share   | plugin:acme/notes                   | Send data to the plugin acme/notes",
            "mcp.server   | stdio:npx -y some-server            | Start the MCP server: npx -y some-server",
            "mcp.server   | https://mcp.example.com/mcp         | Connect to the MCP server at https://mcp.example.com/mcp",
    })
    void describesThePermissionInPlainWords(String kind, String scope, String text) {
        Permission permission = Permission.of(PermissionKind.byId(kind).orElseThrow(), scope, "because");
        assertThat(PermissionText.describe(permission)).isEqualTo(text);
    }

    @Test
    void labelsEveryRisk() {
        assertThat(Risk.values()).extracting(PermissionText::riskLabel)
                .containsExactly("none", "low", "medium", "high", "critical");
    }
}
