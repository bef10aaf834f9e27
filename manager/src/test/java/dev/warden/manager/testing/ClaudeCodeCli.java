package dev.warden.manager.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Claude Code CLI from npm, as {@code scripts/test-tools.sh} installs it into {@code .tools/}, run with its own
 * home and configuration folder and with every network connection sent to a closed port. Where it is not installed
 * the test is skipped as {@link TestTools} says.
 */
public final class ClaudeCodeCli {

    private final Path binary;
    private final Path home;

    private ClaudeCodeCli(Path binary, Path home) {
        this.binary = binary;
        this.home = home;
    }

    /**
     * @param repository the repository root, which holds {@code .tools/}
     * @param home       the HOME Claude Code gets; its configuration goes to {@code home/.claude}
     */
    public static ClaudeCodeCli orSkip(Class<?> test, Path repository, Path home) {
        return new ClaudeCodeCli(TestTools.orSkip(test, repository, "node_modules/.bin/claude", "the Claude Code CLI"), home);
    }

    /** What a run printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code claude ARGS} and waits at most two minutes. */
    public Result run(String... args) throws IOException, InterruptedException {
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CLAUDE") || key.startsWith("ANTHROPIC") || key.endsWith("_PROXY")
                || key.endsWith("_proxy"));
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        // no network: whatever it would fetch goes to a port nothing listens on
        env.put("HTTPS_PROXY", "http://127.0.0.1:9");
        env.put("HTTP_PROXY", "http://127.0.0.1:9");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("claude " + String.join(" ", args) + " ended").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** @return where Claude Code put the installed copy of {@code plugin@marketplace}, as its own records say */
    public Path installPath(String pluginAtMarketplace) throws IOException {
        JsonNode installed = JsonMapper.builder().build()
                .readTree(home.resolve(".claude/plugins/installed_plugins.json").toFile());
        JsonNode entries = installed.path("plugins").path(pluginAtMarketplace);
        assertThat(entries.isArray() && !entries.isEmpty()).as("Claude Code records %s as installed: %s",
                pluginAtMarketplace, installed).isTrue();
        return Path.of(entries.get(0).get("installPath").asString());
    }
}
