package dev.warden.manager.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which download URLs of an MCP Registry's MCPB packages Warden follows; none of these is fetched. */
class McpbPackageFetchTest {

    private static final String PUBLIC_REGISTRY = "https://registry.modelcontextprotocol.io";
    private static final String TEST_REGISTRY = "http://127.0.0.1:8080";

    @Test
    void takesAPlainHttpsFileUrl() throws Exception {
        assertThat(McpbPackageFetch.downloadUrl("io.github.acme/weather",
                "https://github.com/acme/weather/releases/download/v1.0.0/weather.mcpb", PUBLIC_REGISTRY))
                .hasToString("https://github.com/acme/weather/releases/download/v1.0.0/weather.mcpb");
        assertThat(McpbPackageFetch.downloadUrl("io.github.acme/weather", "http://127.0.0.1:8080/w.mcpb", TEST_REGISTRY))
                .as("a registry on this machine may name files on this machine").hasToString("http://127.0.0.1:8080/w.mcpb");
    }

    @Test
    void refusesUrlsThatAreNotPlainHttpsFilesOnPublicHostsNamingTheEntry() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("http://github.com/a/w.mcpb", "not https"),
                Map.entry("ftp://example.com/w.mcpb", "not https"),
                Map.entry("file:///etc/passwd", "plain https"),
                Map.entry("https://user:pw@example.com/w.mcpb", "no user name"),
                Map.entry("https://example.com/w.mcpb?x=1", "query"),
                Map.entry("https://example.com/", "names no file"),
                Map.entry("https://example.com/a/../../w.mcpb", "'..'"),
                Map.entry("https://10.0.0.8/w.mcpb", "private address"),
                Map.entry("https://169.254.169.254/latest/meta-data", "cloud metadata"),
                Map.entry("https://[::1]/w.mcpb", "loopback"),
                Map.entry("https://localhost/w.mcpb", "loopback"),
                Map.entry("https://[::ffff:192.168.1.1]/w.mcpb", "private"),
                Map.entry("not a url at all", "not a URL"));
        refused.forEach((url, why) -> assertThatThrownBy(() -> McpbPackageFetch.downloadUrl("io.github.evil/x", url, PUBLIC_REGISTRY))
                .as(url).isInstanceOf(MarketplaceProblem.class)
                .hasMessageContaining("io.github.evil/x").hasMessageContaining(why).hasMessageContaining("Nothing was downloaded"));
        assertThatThrownBy(() -> McpbPackageFetch.downloadUrl("io.github.evil/x", "http://127.0.0.1:8080/w.mcpb", PUBLIC_REGISTRY))
                .as("only a registry on this machine may name this machine").hasMessageContaining("not https");
    }
}
