package dev.warden.manager.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Json;
import dev.warden.catalog.manifest.ManifestParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A call's input is read once, checked against the schema read at load, and handed on as the API's value. */
class ToolInputTest {

    private static final String MANIFEST = """
            { "name": "maps", "version": "1.0.0", "publisher": "acme", "description": "Maps",
              "pluginClass": "com.acme.maps.MapsPlugin",
              "connectors": [ { "name": "zoom", "description": "Zoom the map",
                "inputSchema": { "type": "object", "properties": { "level": { "type": "number" } } } } ] }
            """;

    private static ToolInput maps() throws Exception {
        return ToolInput.of(ManifestParser.standard().parse(MANIFEST.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNumberReachesThePluginExactlyAsWritten() throws Exception {
        Json input = maps().check("zoom", "{\"level\": 2.50}");

        assertThat(input.get("level").orElseThrow()).isEqualTo(new Json.Number(new BigDecimal("2.50")));
    }

    @Test
    void aNumberWhoseExponentWouldStallThePluginIsBadInput() throws Exception {
        ToolInput maps = maps();

        assertThatThrownBy(() -> maps.check("zoom", "{\"level\": 1e-999999999}"))
                .isInstanceOfSatisfying(ToolCallException.class,
                        e -> assertThat(e.reason()).isEqualTo(ToolCallException.Reason.BAD_INPUT))
                .hasMessageContaining("acme/maps tool zoom").hasMessageContaining("exponent");
    }
}
