package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginManifestTest {

    private static final ConnectorSpec FORECAST = new ConnectorSpec("forecast", "Forecast", "{\"type\":\"object\"}");

    @Test
    void derivesItsIdFromPublisherAndName() {
        PluginManifest manifest = PluginManifest.builder("weather", Version.parse("1.2.0"), "acme").build();
        assertThat(manifest.id()).isEqualTo(PluginId.parse("acme/weather"));
        assertThat(manifest.description()).isEmpty();
        assertThat(manifest.pluginClass()).isEmpty();
    }

    @Test
    void refusesTwoConnectorsWithTheSameName() {
        PluginManifest.Builder builder = PluginManifest.builder("weather", Version.parse("1.2.0"), "acme")
                .connector(FORECAST).connector(FORECAST);
        assertThatThrownBy(builder::build).hasMessageContaining("forecast is declared twice");
    }

    @Test
    void refusesANameThatIsNotKebabCase() {
        assertThatThrownBy(() -> PluginManifest.builder("Weather", Version.parse("1.0.0"), "acme").build())
                .hasMessageContaining("kebab-case");
    }

    @Test
    void listsPermissionsHighestRiskFirstKeepingDeclarationOrderAmongEquals() {
        Permission host = Permission.of(PermissionKind.NET_EGRESS, "https://api.weather.gov", "forecasts");
        Permission reports = Permission.of(PermissionKind.FS_READ, "${workspace}/reports", "reports");
        Permission exec = Permission.of(PermissionKind.PROCESS_EXEC, "/usr/bin/git", "git");
        PluginManifest manifest = PluginManifest.builder("weather", Version.parse("1.2.0"), "acme")
                .permission(host).permission(reports).permission(exec).build();
        assertThat(manifest.permissionsByRisk()).containsExactly(exec, host, reports);
        assertThat(manifest.permissions()).containsExactly(host, reports, exec);
    }

    @Test
    void keepsClaudeFieldsAsWrittenAndInOrder() {
        PluginManifest manifest = PluginManifest.builder("weather", Version.parse("1.2.0"), "acme")
                .claudeField("skills", "\"./skills/\"").claudeField("hooks", "{\"Stop\":[]}").build();
        assertThat(manifest.claudeFields().keySet()).containsExactly("skills", "hooks");
        assertThat(manifest.claudeField("hooks")).contains("{\"Stop\":[]}");
        assertThat(manifest.claudeField("agents")).isEmpty();
        assertThat(manifest.connector("forecast")).isEmpty();
    }

    @Test
    void refusesARawClaudeFieldThatShadowsATypedOne() {
        assertThatThrownBy(() -> PluginManifest.builder("weather", Version.parse("1.2.0"), "acme")
                .claudeField("permissions", "[]").build()).hasMessageContaining("typed field");
    }

    @Test
    void refusesConnectorNamesOutsideThePattern() {
        assertThatThrownBy(() -> new ConnectorSpec("Forecast", "d", "{}")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> new ConnectorSpec("f".repeat(65), "d", "{}")).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> new ConnectorSpec("forecast", "d", "[]")).hasMessageContaining("JSON object");
    }
}
