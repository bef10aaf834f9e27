package dev.warden.manager.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which command lines fetch code that nobody reviewed each time they start. */
class UnpinnedLaunchTest {

    private static List<String> words(String line) {
        return Arrays.asList(line.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "npx pkg@latest",
        "npx -y some-server",
        "npx -y @scope/server",
        "npx @scope/server@^1.2.0",
        "npx --yes pkg@1.x",
        "npx -p pkg@latest run-it",
        "npx --package=pkg run-it",
        "/usr/local/bin/npx -y pkg",
        "bunx pkg",
        "pnpx pkg@next",
        "pnpm dlx pkg",
        "yarn dlx pkg@*",
        "bun x pkg",
        "npm exec pkg",
        "npm x -- pkg@latest",
        "uvx mcp-server-fetch",
        "uvx --from git+https://github.com/oraios/serena serena start-mcp-server",
        "uvx --from git+https://github.com/o/r@main tool",
        "uvx pkg>=1.0",
        "uv tool run pkg",
        "pipx run pkg",
        "pipx run --spec pkg tool",
        "docker run -i --rm mcp/server",
        "docker run -i --rm -e TOKEN=x mcp/server:latest",
        "podman run --rm -v /a:/b ghcr.io/x/y",
        "sh -c \"npx -y pkg\"",
        "bash -lc 'uvx tool && echo done'",
        "env FOO=1 npx pkg",
        "uvx --with evil-dep pkg==1.0.0",
        "deno run -A npm:some-server",
        "deno run -A jsr:@scope/server@^1",
        "deno run https://example.com/server.ts",
        "go run github.com/x/server@latest",
        "npx github:someone/server",
    })
    void runnersWithoutAnExactVersionAreUnpinned(String line) {
        assertThat(UnpinnedLaunch.of(words(line))).as(line).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "npx -y pkg@1.2.3",
        "npx -y @scope/server@0.6.2",
        "npx -p pkg@2.0.0 run-it",
        "npx ./local-folder",
        "bunx pkg@1.0.0-beta.1",
        "pnpm dlx pkg@3.1.4",
        "uvx mcp-server-fetch==2025.4.7",
        "uvx pkg@1.2.3",
        "uvx --from git+https://github.com/o/r@0123456789abcdef0123456789abcdef01234567 tool",
        "pipx run pkg==1.0.0",
        "docker run -i --rm -e TFE_TOKEN=${TFE_TOKEN} hashicorp/terraform-mcp-server:0.4.0",
        "docker run -i ghcr.io/x/y@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "python3 ${CLAUDE_PLUGIN_ROOT}/server.py",
        "node dist/index.js",
        "/usr/bin/weather --stdio",
        "bun run --cwd ${CLAUDE_PLUGIN_ROOT} --shell=bun --silent start",
        "deno run -A npm:some-server@1.4.2",
        "deno run -A ./server.ts",
        "go run github.com/x/server@v1.2.3",
        "go run ./cmd/server",
    })
    void pinnedRunnersAndPlainProgramsAreNot(String line) {
        assertThat(UnpinnedLaunch.of(words(line))).as(line).isEmpty();
    }
}
