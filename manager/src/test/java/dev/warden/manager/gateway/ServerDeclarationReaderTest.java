package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDeclarationReaderTest {

    @TempDir
    Path folder;

    private static PluginManifest manifest(String mcpServers) {
        PluginManifest.Builder builder = PluginManifest.builder("weather", Version.parse("1.0.0"), "acme");
        if (mcpServers != null) {
            builder.claudeField("mcpServers", mcpServers);
        }
        return builder.build();
    }

    @Test
    void readsTheRootFileAndTheManifestInEveryClaudeForm() throws Exception {
        Files.writeString(folder.resolve(".mcp.json"),
                "{\"mcpServers\": {\"local\": {\"command\": \"npx\", \"args\": [\"-y\", \"x@1.0.0\"], \"env\": {\"A\": \"b\"}}}}");
        Files.createDirectories(folder.resolve("config"));
        Files.writeString(folder.resolve("config/more.json"), "{\"more\": {\"type\": \"stdio\", \"command\": \"/usr/bin/more\"}}");

        ServerDeclarationReader.Found found = ServerDeclarationReader.read(manifest(
                "[\".mcp.json\", \"./config/more.json\", {\"remote\": {\"type\": \"http\", \"url\": \"https://mcp.example.com\"}}]"),
                folder);

        assertThat(found.problems()).isEmpty();
        assertThat(found.servers()).extracting(ServerDeclaration::name).containsExactly("local", "more", "remote");
        assertThat(found.servers().get(0).scope()).isEqualTo("stdio:npx -y x@1.0.0");
        assertThat(found.servers().get(0).env()).containsEntry("A", "b");
        assertThat(found.servers().get(2).scope()).isEqualTo("https://mcp.example.com");
    }

    @Test
    void reportsAFileOutsideThePluginAndABrokenServerWithoutLosingTheOthers() throws Exception {
        Files.writeString(folder.resolve(".mcp.json"), "{\"good\": {\"command\": \"/usr/bin/good\"}, \"bad\": {\"command\": 7}}");

        ServerDeclarationReader.Found found = ServerDeclarationReader.read(manifest("\"../../etc/servers.json\""), folder);

        assertThat(found.servers()).extracting(ServerDeclaration::name).containsExactly("good");
        assertThat(found.problems()).anyMatch(p -> p.contains("outside the plugin's folder"))
                .anyMatch(p -> p.contains("'bad'") && p.contains("command"));
    }
}
