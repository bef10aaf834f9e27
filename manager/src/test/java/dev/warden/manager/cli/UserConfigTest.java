package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.testing.LocalMcpServer;
import dev.warden.manager.testing.PluginSource;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin's typed options (userConfig): asked at install or given with --config, checked against their type, kept in
 * its config file or (sensitive ones) the secret store, changed with 'warden config', and filled into a remote
 * server's URL, where a value may never change the URL's shape and a changed address needs a new grant.
 */
class UserConfigTest extends HomeFixture {

    private static final String ID = "warden-test/crm";
    private static final String TOKEN = "crm-token-8d1f";
    private static final String TOKEN_SECRET = "warden-test_crm__api_token";

    Publisher publisher;
    LocalMcpServer server;
    final List<String> seen = new CopyOnWriteArrayList<>();
    /** What the test's resolver answered, host by host. */
    final List<String> resolved = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        publisher = new Publisher(warden, temp.resolve("publisher"), "warden-test").trusted();
        server = LocalMcpServer.withLookupTool(seen);
        // every name of crm.test is this machine, but the tenant "meta" is the cloud's metadata address
        warden.brokers((store, surroundings) -> new CapabilityBroker(store, surroundings, host -> {
            resolved.add(host);
            return List.of(InetAddress.getByAddress(host, host.startsWith("meta.")
                    ? new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254} : new byte[] {127, 0, 0, 1}));
        }));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String templateUrl() {
        return "http://${user_config.tenant}.crm.test:" + server.port() + "/mcp";
    }

    /** A remote server at {@code http://${user_config.tenant}.crm.test:PORT/mcp}, and options of every type. */
    private PluginSource crm() {
        return PluginSource.plugin("warden-test", "crm")
                .permission("mcp.server", templateUrl(), "the CRM's MCP server")
                .permission("net.egress", "http://${user_config.tenant}.crm.test:" + server.port(), "the tenant's host")
                .permission("net.egress", "http://127.0.0.1:" + server.port(), "where the tenant's host lives in this test")
                .claudeField("userConfig", """
                        {"tenant": {"type": "string", "title": "Your CRM tenant", "required": true},
                         "api_token": {"type": "string", "title": "API token", "sensitive": true, "required": true},
                         "page_size": {"type": "number", "min": 1, "max": 500, "default": 50},
                         "verbose": {"type": "boolean", "default": false},
                         "exports": {"type": "directory"}}""")
                .file(".mcp.json", "{\"mcpServers\": {\"crm\": {\"type\": \"http\", \"url\": \"" + templateUrl() + "\"}}}");
    }

    private Path bundle() throws Exception {
        return publisher.sign(crm(), "crm");
    }

    private void tokenStored() {
        assertThat(warden.piping(TOKEN).run("secret", "set", TOKEN_SECRET).exitCode()).isZero();
    }

    private CliRunner.Result installedFor(String tenant) throws Exception {
        tokenStored();
        return ok("install", bundle().toString(), "--yes", "--config", "tenant=" + tenant);
    }

    private CliRunner.Result serve() {
        return warden.piping("").run("serve", "--workspace", temp.toString());
    }

    @Test
    void withYesARequiredOptionWithoutAValueIsAUsageErrorNamingTheConfigToGive() throws Exception {
        Path bundle = bundle();
        tokenStored();

        CliRunner.Result refused = failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes");

        assertThat(refused.err()).contains("warden-test/crm needs option tenant (string, Your CRM tenant)")
                .contains("--config tenant=VALUE").doesNotContain("Exception");
        assertThat(ok("list").out()).doesNotContain("crm");
    }

    @Test
    void aRequiredSensitiveOptionIsNeverTakenFromTheCommandLine() throws Exception {
        Path bundle = bundle();

        CliRunner.Result onArgv = failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes",
                "--config", "tenant=acme", "--config", "api_token=" + TOKEN);
        assertThat(onArgv.err()).contains("option api_token of warden-test/crm is sensitive").doesNotContain(TOKEN);

        CliRunner.Result missing = failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes",
                "--config", "tenant=acme");
        assertThat(missing.err()).contains("needs option api_token").contains("warden secret set " + TOKEN_SECRET);
    }

    @Test
    void anOptionThePluginDoesNotDeclareOrAValueOfTheWrongTypeIsRefusedNamingIt() throws Exception {
        Path bundle = bundle();
        tokenStored();

        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes", "--config", "tenant=acme",
                "--config", "region=eu").err()).contains("has no option \"region\"").contains("tenant, api_token, page_size");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes", "--config", "tenant=acme",
                "--config", "page_size=900").err()).contains("option page_size (number): \"900\" is outside 1 to 500");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes", "--config", "tenant=acme",
                "--config", "verbose=maybe").err()).contains("option verbose (boolean)").contains("is not true or false");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes", "--config", "tenant=acme",
                "--config", "exports=reports").err()).contains("option exports (directory)").contains("not an absolute path");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes", "--config", "tenant=acme",
                "--config", "exports=/no/such/folder").err()).contains("is not a folder on this machine");
    }

    @Test
    void aValueThatWouldMoveTheHostAddUserInformationOrAPortIsRefusedBeforeAnythingIsInstalled() throws Exception {
        Path bundle = bundle();
        tokenStored();
        for (String hostile : List.of("evil.com/x", "a@evil.com", "169.254.169.254", "evil.com:80", "x?y", "x#y",
                "evil.com", "localhost.", "a b")) {
            CliRunner.Result refused = failsLeavingTheHome(ExitCode.USAGE, "install", bundle.toString(), "--yes",
                    "--config", "tenant=" + hostile);
            assertThat(refused.err()).as(hostile).contains("user_config.tenant").contains("would change the shape of the URL")
                    .contains("one DNS label");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void theReviewShowsTheFilledUrlAndTheOptionsAndTheRealOriginIsWhatIsGranted() throws Exception {
        Path exports = Files.createDirectories(temp.resolve("exports"));
        tokenStored();

        CliRunner.Result installed = ok("install", bundle().toString(), "--yes", "--config", "tenant=acme",
                "--config", "exports=" + exports);

        String url = "http://acme.crm.test:" + server.port() + "/mcp";
        assertThat(installed.out()).contains(url).contains("net.egress http://acme.crm.test:" + server.port())
                .contains("Options (userConfig")
                .contains("tenant  string, required: acme")
                .contains("api_token  string, sensitive (secret store), required: set")
                .contains("page_size  number: 50")
                .contains("verbose  boolean: false")
                .contains("exports  directory: " + exports)
                .doesNotContain(TOKEN);
        String grants = ok("grants", ID, "--json").out();
        assertThat(grants).contains("\"scope\" : \"http://acme.crm.test:" + server.port()).doesNotContain("\"scope\" : \"http://${user_config")
                .contains("\"grantedNotRequested\" : [ ]");
        Path config = home.resolve("config/warden-test/crm.json");
        assertThat(Files.readString(config)).contains("\"tenant\" : \"acme\"").contains(exports.toString()).doesNotContain(TOKEN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(filesHolding(TOKEN)).containsExactly(home.resolve("secrets/secrets.json"));
    }

    @Test
    void theOptionsAreAskedAtTheTerminalTheSensitiveOneWithoutEcho() throws Exception {
        List<String> hiddenPrompts = new ArrayList<>();
        warden.answering("acme\n\ntrue\n\ny\n").typingHidden(TOKEN, hiddenPrompts);

        CliRunner.Result installed = warden.run("install", bundle().toString());

        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(installed.out()).contains("Your CRM tenant (tenant, string, required): ")
                .contains("page_size, number, at least 1.0, at most 500.0, optional) [50]: ")
                .contains("verbose  boolean: true").doesNotContain(TOKEN);
        assertThat(hiddenPrompts).containsExactly("API token (api_token, string, required) (not shown): ");
        assertThat(ok("config", "list", ID).out()).contains("api_token  string, sensitive, required  set")
                .contains("tenant  string, required  \"acme\"").contains("page_size  number  \"50\" (default)")
                .doesNotContain(TOKEN);
    }

    @Test
    void serveReachesTheFilledUrlAndRefusesAChangedAddressUntilItIsGranted() throws Exception {
        installedFor("acme");

        CliRunner.Result served = serve();
        assertThat(served.err()).doesNotContain("is not started").doesNotContain("is not available");
        assertThat(resolved).contains("acme.crm.test");
        assertThat(seen).isNotEmpty();

        // the first serve's session ends with a DELETE that may arrive after serve returned
        GatewayFixture.eventually(() -> seen.stream().anyMatch(s -> s.contains(" DELETE ")));
        CliRunner.Result changed = ok("config", "set", ID, "tenant", "globex");
        String origin = "http://globex.crm.test:" + server.port();
        assertThat(changed.out()).contains("Set option tenant of warden-test/crm to \"globex\".")
                .contains("warden grant warden-test/crm mcp.server '" + origin + "/mcp'")
                .contains("warden grant warden-test/crm net.egress '" + origin + "'");
        seen.clear();
        CliRunner.Result refused = serve();
        assertThat(refused.err()).contains("warden-test/crm: the MCP server 'crm' is not started")
                .contains("warden grant warden-test/crm mcp.server '" + origin + "/mcp'");
        assertThat(seen).isEmpty();

        ok("grant", ID, "mcp.server", origin + "/mcp", "--yes");
        ok("grant", ID, "net.egress", origin, "--yes");
        resolved.clear();
        assertThat(serve().err()).doesNotContain("is not started").doesNotContain("is not available");
        assertThat(resolved).contains("globex.crm.test");
        assertThat(seen).isNotEmpty();
    }

    @Test
    void aTenantWhoseNameResolvesToTheMetadataAddressIsStoppedByTheEgressCheck() throws Exception {
        installedFor("acme");
        ok("config", "set", ID, "tenant", "meta");
        String origin = "http://meta.crm.test:" + server.port();
        ok("grant", ID, "mcp.server", origin + "/mcp", "--yes");
        ok("grant", ID, "net.egress", origin, "--yes");
        seen.clear();

        CliRunner.Result served = serve();

        assertThat(served.err()).contains("warden-test/crm: the MCP server 'crm' is not available")
                .contains("169.254.169.254");
        assertThat(seen).isEmpty();
    }

    @Test
    void configSetRefusesAValueThatWouldChangeTheUrlsShapeAndLeavesTheHome() throws Exception {
        installedFor("acme");
        for (String hostile : List.of("evil.com", "a@b", "x/y", "169.254.169.254")) {
            assertThat(failsLeavingTheHome(ExitCode.USAGE, "config", "set", ID, "tenant", hostile).err()).as(hostile)
                    .contains("would change the shape of the URL");
        }
    }

    @Test
    void aSensitiveOptionIsSetFromStandardInputNeverFromTheCommandLineAndListedOnlyAsSet() throws Exception {
        installedFor("acme");

        CliRunner.Result onArgv = failsLeavingTheHome(ExitCode.USAGE, "config", "set", ID, "api_token", "new-" + TOKEN);
        assertThat(onArgv.err()).contains("is sensitive").contains("nothing was stored").doesNotContain("new-" + TOKEN);

        assertThat(warden.piping("new-" + TOKEN + "\n").run("config", "set", ID, "api_token").exitCode()).isZero();
        assertThat(filesHolding("new-" + TOKEN)).containsExactly(home.resolve("secrets/secrets.json"));
        assertThat(ok("config", "list", ID, "--json").out()).contains("\"key\" : \"api_token\"").contains("\"value\" : \"set\"")
                .doesNotContain(TOKEN);
        assertThat(ok("audit", "--plugin", ID, "--json").out()).contains("config.set").doesNotContain(TOKEN);

        ok("config", "unset", ID, "api_token");
        assertThat(ok("config", "list", ID).out()).contains("api_token  string, sensitive, required  not set");
        assertThat(filesHolding(TOKEN)).isEmpty();
    }

    @Test
    void configSetChecksTheTypeAndExpandsTheHomeInAPath() throws Exception {
        installedFor("acme");
        Path userHome = Files.createDirectories(temp.resolve("person"));
        Files.createDirectories(userHome.resolve("exports"));
        warden.env("HOME", userHome.toString());

        assertThat(failsLeavingTheHome(ExitCode.USAGE, "config", "set", ID, "page_size", "0").err())
                .contains("is outside 1 to 500");
        assertThat(failsLeavingTheHome(ExitCode.USAGE, "config", "set", ID, "region", "eu").err())
                .contains("has no option \"region\"");
        ok("config", "set", ID, "exports", "~/exports");
        ok("config", "set", ID, "verbose", "yes");

        assertThat(ok("config", "list", ID).out()).contains("exports  directory  \"" + userHome.resolve("exports") + "\"")
                .contains("verbose  boolean  \"true\"");
        ok("config", "unset", ID, "verbose");
        assertThat(ok("config", "list", ID).out()).contains("verbose  boolean  \"false\" (default)");
    }

    @Test
    void anUpdateThatAsksForTheSameTemplatedAddressNeedsNoNewGrant() throws Exception {
        installedFor("acme");

        CliRunner.Result updated = ok("update", ID, "--from", publisher.sign(crm().version("1.1.0"), "crm-1.1.0").toString(),
                "--yes");

        assertThat(updated.out()).contains("Updated warden-test/crm 1.0.0 -> 1.1.0.");
        assertThat(ok("grants", ID, "--json").out()).contains("\"scope\" : \"http://acme.crm.test:" + server.port())
                .contains("\"grantedNotRequested\" : [ ]");
    }

    @Test
    void removingThePluginRemovesItsSettings() throws Exception {
        installedFor("acme");
        assertThat(home.resolve("config/warden-test/crm.json")).exists();

        ok("remove", ID);

        assertThat(home.resolve("config/warden-test/crm.json")).doesNotExist();
        assertThat(home.resolve("config/warden-test")).doesNotExist();
    }
}
