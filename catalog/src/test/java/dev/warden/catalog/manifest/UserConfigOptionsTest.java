package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.catalog.testing.ManifestJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A manifest's typed userConfig: read into options, and each bad declaration named by its path and option. */
class UserConfigOptionsTest {

    private final ManifestParser parser = ManifestParser.standard();

    private List<ManifestProblem> problems(String userConfig) {
        ManifestException e = catchThrowableOfType(ManifestException.class,
                () -> parser.parse(ManifestJson.valid().with("userConfig", userConfig).bytes()));
        assertThat(e).as("the manifest should have been refused").isNotNull();
        return e.problems();
    }

    @Test
    void readsEveryFieldOfEveryTypeInManifestOrder() throws Exception {
        PluginManifest manifest = parser.parse(ManifestJson.valid().with("userConfig", """
                {"tenant": {"type": "string", "title": "Tenant", "description": "Your tenant", "required": true},
                 "port": {"type": "number", "min": 1, "max": 65535, "default": 8080},
                 "verbose": {"type": "boolean", "default": false},
                 "roots": {"type": "directory", "multiple": true},
                 "api_token": {"description": "Token", "sensitive": true}}""").bytes());

        List<UserConfigOption> options = UserConfigOptions.of(manifest);

        assertThat(options).extracting(UserConfigOption::key).containsExactly("tenant", "port", "verbose", "roots", "api_token");
        assertThat(options.get(0)).isEqualTo(new UserConfigOption("tenant", UserConfigOption.Type.STRING, "Tenant",
                "Your tenant", false, true, Optional.empty(), Optional.empty(), Optional.empty(), false));
        assertThat(options.get(1).min()).contains(1.0);
        assertThat(options.get(1).max()).contains(65535.0);
        assertThat(options.get(1).defaultValue()).contains("8080");
        assertThat(options.get(2).defaultValue()).contains("false");
        assertThat(options.get(3).multiple()).isTrue();
        assertThat(options.get(4).type()).as("Claude Code's options leave the type out: text").isEqualTo(UserConfigOption.Type.STRING);
        assertThat(options.get(4).sensitive()).isTrue();
        assertThat(options.get(4).title()).isEqualTo("api_token");
    }

    @Test
    void refusesAnUnknownTypeNamingTheOption() {
        List<ManifestProblem> problems = problems("{\"tenant\": {\"type\": \"url\"}}");
        assertThat(problems).extracting(ManifestProblem::path).containsExactly("$.userConfig.tenant.type");
        assertThat(problems.get(0).message()).contains("tenant").contains("\"url\"").contains("string, number, boolean");
    }

    @Test
    void refusesFieldsOfTheWrongTypeEachNamedByItsPath() {
        List<ManifestProblem> problems = problems("{\"a\": {\"sensitive\": \"yes\"}, \"b\": {\"type\": \"number\", \"min\": \"1\"},"
                + " \"c\": {\"title\": 3}, \"d\": {\"default\": [1]}, \"e\": \"text\"}");
        assertThat(problems).extracting(ManifestProblem::path).containsExactly("$.userConfig.a.sensitive",
                "$.userConfig.b.min", "$.userConfig.c.title", "$.userConfig.d.default", "$.userConfig.e");
    }

    @Test
    void refusesRangesOnAnythingButANumberAndMultipleOnAnythingButPaths() {
        assertThat(problems("{\"tenant\": {\"type\": \"string\", \"max\": 3}}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("tenant").contains("only a number has min and max"));
        assertThat(problems("{\"port\": {\"type\": \"number\", \"min\": 9, \"max\": 3}}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("port").contains("above max"));
        assertThat(problems("{\"flag\": {\"type\": \"boolean\", \"multiple\": true}}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("flag").contains("only a directory or file"));
    }

    @Test
    void refusesAKeyThatCouldNotBeASecretNameOrAReference() {
        List<ManifestProblem> problems = problems("{\"a.b\": {\"type\": \"string\"}, \"x}y\": {\"type\": \"string\"}}");
        assertThat(problems).extracting(ManifestProblem::path).containsExactly("$.userConfig['a.b']", "$.userConfig['x}y']");
        assertThat(problems.get(0).message()).contains("is not a name");
    }

    @Test
    void refusesAUserConfigThatIsNotAnObject() {
        assertThat(problems("[\"tenant\"]")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be an object of options, not"));
    }

    @Test
    void aUrlMayReferOnlyToADeclaredNonSensitiveOption() throws Exception {
        String userConfig = "{\"tenant\": {\"type\": \"string\"}, \"token\": {\"sensitive\": true}}";
        assertThat(parser.parse(ManifestJson.valid().noPermissions().with("userConfig", userConfig)
                .permission("mcp.server", "https://${user_config.tenant}.example.com/mcp", "r").bytes()).permissions())
                .hasSize(1);
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> parser.parse(ManifestJson.valid()
                .noPermissions().with("userConfig", userConfig)
                .permission("mcp.server", "https://${user_config.token}.example.com/mcp", "r")
                .permission("net.egress", "https://${user_config.region}.example.com", "r").bytes()));
        assertThat(e.problems()).extracting(ManifestProblem::path)
                .containsExactly("$.permissions[0].scope", "$.permissions[1].scope");
        assertThat(e.problems().get(0).message()).contains("${user_config.token} is a sensitive option");
        assertThat(e.problems().get(1).message()).contains("${user_config.region} is not an option userConfig declares");
    }

    @Test
    void aManifestWithoutUserConfigHasNoOptions() throws Exception {
        assertThat(UserConfigOptions.of(parser.parse(ManifestJson.valid().bytes()))).isEmpty();
    }
}
