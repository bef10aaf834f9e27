package dev.warden.catalog.manifest;

import static dev.warden.catalog.testing.ManifestJson.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.testing.ManifestJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {

    private final ManifestParser parser = ManifestParser.standard();

    private List<ManifestProblem> problems(ManifestJson json) {
        return problems(json.bytes());
    }

    private List<ManifestProblem> problems(byte[] json) {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> parser.parse(json));
        assertThat(e).as("the manifest should have been refused").isNotNull();
        return e.problems();
    }

    /** @return the message of the only problem, which must be at {@code path} */
    private static String onlyProblemAt(String path, List<ManifestProblem> problems) {
        assertThat(paths(problems)).containsExactly(path);
        return problems.get(0).message();
    }

    private static List<String> paths(List<ManifestProblem> problems) {
        return problems.stream().map(ManifestProblem::path).toList();
    }

    @Test
    void acceptsTheExampleOfTheDesign() throws Exception {
        String json = """
                {
                  "name": "weather",
                  "version": "1.2.0",
                  "publisher": "acme",
                  "description": "Forecasts from the national weather service",
                  "requires": { "warden": ">=0.1" },
                  "pluginClass": "com.acme.weather.WeatherPlugin",
                  "permissions": [
                    { "kind": "net.egress", "scope": "https://api.weather.gov", "reason": "fetch forecasts" },
                    { "kind": "fs.write",   "scope": "${workspace}/reports/**", "reason": "save reports", "optional": true }
                  ],
                  "connectors": [
                    { "name": "forecast", "description": "Forecast for a US location",
                      "inputSchema": { "type": "object", "properties": { "lat": {"type": "number"}, "lon": {"type": "number"} } } }
                  ],
                  "skills": "./skills/",
                  "agents": "./agents/"
                }
                """;
        PluginManifest manifest = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(manifest.id()).isEqualTo(PluginId.parse("acme/weather"));
        assertThat(manifest.version()).isEqualTo(Version.parse("1.2.0"));
        assertThat(manifest.requires()).containsEntry("warden", ">=0.1");
        assertThat(manifest.pluginClass()).contains("com.acme.weather.WeatherPlugin");
        assertThat(manifest.permissions()).containsExactly(
                Permission.of(PermissionKind.NET_EGRESS, "https://api.weather.gov", "fetch forecasts"),
                new Permission(PermissionKind.FS_WRITE, "${workspace}/reports/**", "save reports", true));
        assertThat(manifest.connector("forecast").orElseThrow().inputSchemaJson())
                .isEqualTo("{\"type\":\"object\",\"properties\":{\"lat\":{\"type\":\"number\"},\"lon\":{\"type\":\"number\"}}}");
        assertThat(manifest.claudeField("skills")).contains("\"./skills/\"");
    }

    @Test
    void acceptsAClaudeCodeManifestWithItsWholeFieldSetAsItIs() throws Exception {
        ManifestJson json = ManifestJson.minimal()
                .with("$schema", str("https://json.schemastore.org/claude-code-plugin-manifest.json"))
                .with("description", str("Review helpers"))
                .with("author", "{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"url\": \"https://github.com/ada\"}")
                .with("homepage", str("https://docs.example.com/plugin"))
                .with("repository", str("https://github.com/ada/plugin"))
                .with("license", str("MIT"))
                .with("keywords", "[\"review\", \"git\"]")
                .with("commands", "[\"./custom/commands/special.md\"]")
                .with("agents", str("./custom/agents/"))
                .with("skills", "[\"./custom/skills/\", \"./more-skills/\"]")
                .with("hooks", str("./config/hooks.json"))
                .with("mcpServers", "{\"db\": {\"command\": \"${CLAUDE_PLUGIN_ROOT}/servers/db\", \"args\": [\"--config\", \"x.json\"], \"env\": {\"LOG\": \"1\"}}}")
                .with("outputStyles", str("./styles/"))
                .with("lspServers", "{\"go\": {\"command\": \"gopls\", \"extensionToLanguage\": {\".go\": \"go\"}}}")
                .with("userConfig", "{\"api_token\": {\"description\": \"Token\", \"sensitive\": true}}")
                .with("channels", "[{\"server\": \"telegram\"}]")
                .with("dependencies", "[\"helper-lib\", {\"name\": \"other\", \"version\": \"^1.0.0\"}]")
                .with("monitors", str("./monitors.json"));
        ParsedManifest parsed = parser.read(json.bytes());
        PluginManifest manifest = parsed.manifest();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(manifest.author().orElseThrow().email()).contains("ada@example.com");
        assertThat(manifest.keywords()).containsExactly("review", "git");
        assertThat(manifest.license()).contains("MIT");
        assertThat(manifest.claudeFields().keySet()).containsExactly("$schema", "commands", "agents", "skills", "hooks",
                "mcpServers", "outputStyles", "lspServers", "userConfig", "channels", "dependencies", "monitors");
        assertThat(manifest.claudeField("mcpServers")).contains(
                "{\"db\":{\"command\":\"${CLAUDE_PLUGIN_ROOT}/servers/db\",\"args\":[\"--config\",\"x.json\"],\"env\":{\"LOG\":\"1\"}}}");
        assertThat(manifest.permissions()).isEmpty();
    }

    @Test
    void readsDependenciesAsClaudeCodeWritesThem() throws Exception {
        PluginManifest manifest = parser.parse(ManifestJson.valid().with("dependencies",
                "[\"audit-logger\", \"shared@acme-shared\", {\"name\": \"secrets-vault\", \"version\": \"~2.1.0\"},"
                        + " {\"name\": \"acme/db\", \"version\": \">=1.4 <2\", \"marketplace\": \"acme-tools\"}]").bytes());

        assertThat(PluginDependency.declaredBy(manifest)).extracting(PluginDependency::toString).containsExactly(
                "audit-logger (any version)", "shared@acme-shared (any version)", "secrets-vault ~2.1.0",
                "acme/db@acme-tools >=1.4 <2");
        assertThat(PluginDependency.declaredBy(manifest).get(3).names(new PluginId("acme", "db"))).isTrue();
        assertThat(PluginDependency.declaredBy(manifest).get(3).names(new PluginId("other", "db"))).isFalse();
        assertThat(PluginDependency.declaredBy(manifest).get(2).names(new PluginId("other", "secrets-vault"))).isTrue();
        assertThat(PluginDependency.declaredBy(parser.parse(ManifestJson.valid().bytes()))).isEmpty();
    }

    @Test
    void anUnknownFieldOfADependencyIsAWarningAndAnErrorWhenStrict() throws Exception {
        ManifestJson json = ManifestJson.valid().with("dependencies", "[{\"name\": \"a\", \"optional\": true}]");

        assertThat(parser.read(json.bytes()).warnings()).extracting(ManifestProblem::path).containsExactly("$.dependencies[0].optional");
        ManifestException strict = catchThrowableOfType(ManifestException.class, () -> ManifestParser.strict().parse(json.bytes()));
        assertThat(paths(strict.problems())).containsExactly("$.dependencies[0].optional");
    }

    @Test
    void writesBackAManifestThatParsesEqual() throws Exception {
        ManifestJson json = ManifestJson.valid()
                .with("author", "{\"name\": \"Ada\"}")
                .with("keywords", "[\"weather\"]")
                .with("requires", "{\"warden\": \">=0.1\"}")
                .with("hooks", "{\"PostToolUse\": [{\"matcher\": \"Write|Edit\", \"hooks\": [{\"type\": \"command\", \"command\": \"lint.sh\"}]}]}")
                .with("userConfig", "{\"units\": {\"description\": \"metric or imperial\", \"default\": 1.50}}")
                .permissionJson("{\"kind\": \"fs.write\", \"scope\": \"${workspace}/reports/**\", \"reason\": \"save\", \"optional\": true}");
        PluginManifest first = parser.parse(json.bytes());
        PluginManifest second = parser.parse(ManifestWriter.toJson(first));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void refusesDuplicateKeyAndNamesItsPath() {
        ManifestJson json = ManifestJson.valid().noPermissions()
                .permissionJson("{\"kind\": \"fs.read\", \"scope\": \"${workspace}\", \"scope\": \"${home}\", \"reason\": \"r\"}");
        assertThat(problems(json)).containsExactly(new ManifestProblem("$.permissions[0].scope",
                "duplicate key \"scope\"; a key may appear only once in an object"));
    }

    @Test
    void reportsEveryDuplicateKeyIncludingTopLevelAndDeepOnes() {
        String json = "{\"name\": \"weather\", \"version\": \"1.0.0\", \"publisher\": \"acme\", \"name\": \"other\","
                + " \"userConfig\": {\"a\": {\"b\": 1, \"b\": 2}}}";
        assertThat(paths(problems(json.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("$.name", "$.userConfig.a.b");
    }

    @Test
    void namesADuplicateKeyThatIsNotAnIdentifierInBracketNotation() {
        String json = "{\"name\": \"weather\", \"version\": \"1.0.0\", \"publisher\": \"acme\","
                + " \"userConfig\": {\"a key\": 1, \"a key\": 2}}";
        assertThat(paths(problems(json.getBytes(StandardCharsets.UTF_8)))).containsExactly("$.userConfig['a key']");
    }

    @Test
    void refusesDataAfterTheDocument() {
        assertThat(problems(ManifestJson.valid().trailing(" {}"))).extracting(ManifestProblem::message)
                .singleElement().asString().contains("unexpected data after the JSON document");
        assertThat(paths(problems(ManifestJson.valid().trailing(" garbage")))).containsExactly("$");
    }

    @Test
    void refusesMalformedJsonAndSaysWhere() {
        List<ManifestProblem> problems = problems("{\"name\": \"weather\",\n \"version\": }".getBytes(StandardCharsets.UTF_8));
        assertThat(onlyProblemAt("$.version", problems)).startsWith("malformed JSON at line 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"weather\"", "42", "null"})
    void refusesADocumentThatIsNotAnObject(String json) {
        assertThat(problems(json.getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("the manifest must be a JSON object"));
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(problems(new byte[0])).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "name        | 42                          | $.name",
            "version     | 1.2                         | $.version",
            "publisher   | [\"acme\"]                  | $.publisher",
            "description | {}                          | $.description",
            "author      | \"Ada\"                     | $.author",
            "author      | {\"email\": \"a@b.c\"}      | $.author.name",
            "author      | {\"name\": 1}               | $.author.name",
            "homepage    | true                        | $.homepage",
            "keywords    | \"weather\"                 | $.keywords",
            "keywords    | [\"a\", 2]                  | $.keywords[1]",
            "requires    | \">=0.1\"                   | $.requires",
            "requires    | {\"warden\": 1}             | $.requires.warden",
            "pluginClass | 7                           | $.pluginClass",
            "pluginClass | \"com.acme.\"               | $.pluginClass",
            "permissions | {}                          | $.permissions",
            "connectors  | \"forecast\"                | $.connectors",
            "skills      | 3                           | $.skills",
            "agents      | [\"./agents/\", 3]          | $.agents[1]",
            "userConfig  | []                          | $.userConfig",
            "channels    | {}                          | $.channels",
            "dependencies | \"x\"                      | $.dependencies",
            "dependencies | {\"x\": \"^1\"}           | $.dependencies",
            "dependencies | [3]                        | $.dependencies[0]",
            "dependencies | [\"Helper\"]             | $.dependencies[0]",
            "dependencies | [\"helper@Market\"]      | $.dependencies[0]",
            "dependencies | [{\"version\": \"^1\"}]   | $.dependencies[0].name",
            "dependencies | [{\"name\": \"a\", \"version\": \"^x.1\"}] | $.dependencies[0].version",
            "dependencies | [{\"name\": \"a\", \"version\": 1}] | $.dependencies[0].version",
            "dependencies | [{\"name\": \"a\", \"marketplace\": \"../m\"}] | $.dependencies[0].marketplace",
            "dependencies | [\"a\", {\"name\": \"a\"}] | $.dependencies[1]",
            "$schema     | {}                          | $.$schema",
    })
    void refusesAFieldOfTheWrongTypeAndNamesItsPath(String field, String rawValue, String path) {
        assertThat(paths(problems(ManifestJson.valid().with(field, rawValue)))).containsExactly(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "version", "publisher"})
    void refusesAManifestWithoutARequiredField(String field) {
        assertThat(problems(ManifestJson.valid().without(field))).containsExactly(
                new ManifestProblem("$." + field, "required field " + field + " is missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Weather", "weather_app", "-weather", "weather-", "we--ather", "wéather", ""})
    void refusesANameOrPublisherThatIsNotKebabCase(String value) {
        assertThat(paths(problems(ManifestJson.valid().with("name", str(value))))).containsExactly("$.name");
        assertThat(paths(problems(ManifestJson.valid().with("publisher", str(value))))).containsExactly("$.publisher");
    }

    @Test
    void refusesANameLongerThanSixtyFourCharacters() throws Exception {
        assertThat(parser.parse(ManifestJson.valid().with("name", str("a".repeat(64))).bytes()).name()).hasSize(64);
        assertThat(paths(problems(ManifestJson.valid().with("name", str("a".repeat(65)))))).containsExactly("$.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2", "v1.2.0", "01.2.0", "1.2.0-", "1.2.0-01", "latest"})
    void refusesAVersionThatIsNotSemver(String version) {
        assertThat(onlyProblemAt("$.version", problems(ManifestJson.valid().with("version", str(version)))))
                .contains("MAJOR.MINOR.PATCH");
    }

    @Test
    void refusesAnUnknownPermissionKindAndListsTheKnownOnes() {
        List<ManifestProblem> problems = problems(ManifestJson.valid().permission("fs.execute", "${workspace}", "run"));
        assertThat(onlyProblemAt("$.permissions[1].kind", problems)).contains("fs.read, fs.write, fs.delete, net.egress");
    }

    @Test
    void refusesAMalformedScopeAndNamesItsPath() {
        List<ManifestProblem> problems = problems(ManifestJson.valid().permission("fs.read", "${workspace}/../etc", "read"));
        assertThat(onlyProblemAt("$.permissions[1].scope", problems)).contains("'..' segment");
    }

    @Test
    void refusesAPermissionWithoutAReasonOrWithAnEmptyOne() {
        ManifestJson json = ManifestJson.minimal()
                .permissionJson("{\"kind\": \"env.read\", \"scope\": \"PATH\"}")
                .permissionJson("{\"kind\": \"env.read\", \"scope\": \"HOME\", \"reason\": \" \"}");
        assertThat(paths(problems(json))).containsExactly("$.permissions[0].reason", "$.permissions[1].reason");
    }

    @Test
    void refusesAPermissionWithAnOptionalFlagThatIsNotABoolean() {
        ManifestJson json = ManifestJson.minimal()
                .permissionJson("{\"kind\": \"env.read\", \"scope\": \"PATH\", \"reason\": \"r\", \"optional\": \"yes\"}");
        assertThat(paths(problems(json))).containsExactly("$.permissions[0].optional");
    }

    @Test
    void refusesAPermissionDeclaredTwice() {
        ManifestJson json = ManifestJson.valid().permission("net.egress", "https://api.weather.gov", "again");
        assertThat(paths(problems(json))).containsExactly("$.permissions[1]");
    }

    @Test
    void refusesAPermissionThatIsNotAnObject() {
        assertThat(paths(problems(ManifestJson.valid().permissionJson("\"fs.read\"")))).containsExactly("$.permissions[1]");
    }

    @Test
    void refusesConnectorNamesThatAreInvalidOrDuplicated() {
        ManifestJson json = ManifestJson.valid()
                .connector("Forecast", "capital letter")
                .connector("forecast", "same name again")
                .connector("x".repeat(65), "too long");
        assertThat(paths(problems(json))).containsExactly("$.connectors[1].name", "$.connectors[2].name",
                "$.connectors[3].name");
    }

    @Test
    void refusesAConnectorWhoseInputSchemaIsNotAnObjectOrIsMissing() {
        ManifestJson json = ManifestJson.minimal()
                .connectorJson("{\"name\": \"a\", \"description\": \"d\", \"inputSchema\": \"object\"}")
                .connectorJson("{\"name\": \"b\", \"description\": \"d\"}")
                .connectorJson("{\"name\": \"c\", \"inputSchema\": {}}");
        assertThat(paths(problems(json))).containsExactly("$.connectors[0].inputSchema", "$.connectors[1].inputSchema",
                "$.connectors[2].description");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "skills     | \"../shared-skills\"",
            "agents     | \"/etc/agents\"",
            "commands   | \"commands\\\\x.md\"",
            "hooks      | \"C:/hooks.json\"",
            "mcpServers | \"./a/../../b.json\"",
    })
    void refusesComponentPathsThatLeaveThePlugin(String field, String rawValue) {
        assertThat(paths(problems(ManifestJson.valid().with(field, rawValue)))).containsExactly("$." + field);
    }

    @Test
    void reportsAllProblemsNotJustTheFirst() {
        ManifestJson json = ManifestJson.valid()
                .with("name", str("Bad Name"))
                .without("version")
                .permission("net.egress", "https://*", "anything")
                .permission("fs.read", "reports", "relative")
                .connector("forecast", "duplicate");
        assertThat(paths(problems(json))).containsExactlyInAnyOrder(
                "$.version", "$.name", "$.permissions[2].scope", "$.connectors[1].name");
    }

    @Test
    void listsEachProblemOnItsOwnLineInTheExceptionMessage() {
        assertThatThrownBy(() -> parser.parse(ManifestJson.valid().without("name").without("publisher").bytes()))
                .isInstanceOf(ManifestException.class)
                .hasMessage("$.name: required field name is missing\n$.publisher: required field publisher is missing");
    }

    @Test
    void warnsAboutUnknownFieldsInStandardModeAndRefusesThemInStrictMode() throws Exception {
        ManifestJson json = ManifestJson.valid().with("colour", str("blue")).noPermissions()
                .permissionJson("{\"kind\": \"env.read\", \"scope\": \"PATH\", \"reason\": \"r\", \"why\": \"x\"}");
        ParsedManifest parsed = ManifestParser.standard().read(json.bytes());
        assertThat(parsed.warnings()).extracting(ManifestProblem::path)
                .containsExactly("$.colour", "$.permissions[0].why");
        ManifestException e = catchThrowableOfType(ManifestException.class,
                () -> ManifestParser.strict().read(json.bytes()));
        assertThat(paths(e.problems())).containsExactly("$.colour", "$.permissions[0].why");
    }

    @Test
    void refusesAManifestLargerThanOneMebibyte() {
        ManifestJson json = ManifestJson.valid().with("description", str("x".repeat(ManifestParser.MAX_BYTES)));
        assertThat(problems(json)).singleElement().satisfies(p -> assertThat(p.message()).contains("the limit is 1048576"));
    }

    @Test
    void refusesNestingDeeperThanTheLimitAndSaysWhere() {
        String deep = "[".repeat(ManifestParser.MAX_DEPTH) + "]".repeat(ManifestParser.MAX_DEPTH);
        List<ManifestProblem> problems = problems(ManifestJson.valid().with("userConfig", "{\"a\": " + deep + "}"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.path()).startsWith("$.userConfig.a[0][0]");
            assertThat(p.message()).contains("nested deeper than 64 levels");
        });
    }

    @Test
    void acceptsNewlinesAndTabsInStrings() throws Exception {
        PluginManifest manifest = parser.parse(ManifestJson.valid().with("description", str("line one\n\tline two")).bytes());
        assertThat(manifest.description()).contains("line one\n\tline two");
    }
}
