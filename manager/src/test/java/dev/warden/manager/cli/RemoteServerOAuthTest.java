package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static dev.warden.manager.cli.GatewayFixture.names;
import static dev.warden.manager.cli.GatewayFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.LocalMcpServer;
import dev.warden.manager.testing.PluginSource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.1 for a remote MCP server end to end (MCP authorization): {@code warden auth login} against an authorization
 * server written in the test, through a browser (a script that follows the redirects with curl) and the loopback
 * redirect; {@code warden serve} sending the token to that server only, refreshing it when it expires, and naming
 * {@code warden auth login} when it is revoked; and no token anywhere but the token file.
 */
class RemoteServerOAuthTest extends HomeFixture {

    private static final String PLUGIN = "warden-test/remote";
    private static final String LOGIN = "warden auth login warden-test/remote remote";

    Publisher publisher;
    TestAuthorizationServer authorization;
    LocalMcpServer mcp;
    McpSyncClient client;
    /** What the MCP server's 401 says; a test may make it hostile. */
    volatile String challenge;
    final List<String> serverErrors = new CopyOnWriteArrayList<>();
    /** Everything any command printed and every answer a client saw. */
    final List<String> seen = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        publisher = new Publisher(warden, temp.resolve("publisher"), "warden-test").trusted();
        authorization = new TestAuthorizationServer();
        challenge = authorization.challenge();
        mcp = LocalMcpServer.guarded(header -> authorization.accepts(header), () -> challenge);
        authorization.protecting(mcp.url());
        Path browser = temp.resolve("browser.sh");
        Files.writeString(browser, "#!/bin/sh\nexec /usr/bin/curl -s -o /dev/null -L \"$1\"\n");
        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwx------"));
        warden.env("BROWSER", browser.toString());
        install(mcp.url());
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        mcp.close();
        authorization.close();
    }

    @Test
    void signsInThroughTheLoopbackRedirectAndServeUsesRefreshesAndNeverLeaksTheToken() throws Exception {
        authorization.expiresIn = 4;
        CliRunner.Result login = run("auth", "login", PLUGIN, "--yes");

        assertThat(login.exitCode()).as(login.all()).isZero();
        assertThat(login.out()).contains("asks you to sign in at " + authorization.issuer())
                .contains("Signed in to the MCP server 'remote' of " + PLUGIN + " at " + authorization.issuer());
        assertThat(login.err()).contains("Open this address in your browser").contains(authorization.issuer() + "/authorize?");
        assertThat(authorization.problems).isEmpty();
        assertThat(authorization.grants).containsExactly("authorization_code resource=" + mcp.url());
        Path tokens = home.resolve("auth/tokens.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.getParent()))).isEqualTo("rwx------");
        assertThat(run("auth", "list").out()).contains(PLUGIN + "  remote  issuer " + authorization.issuer())
                .contains("scopes: tools");
        assertThat(run("auth", "list", "--json").out()).contains("\"issuer\" : \"" + authorization.issuer() + "\"")
                .contains("\"refreshable\" : true");

        client = connect();
        assertThat(eventually(() -> names(client.listTools().tools()).contains("warden-test_remote__lookup")))
                .as("server said: %s", serverErrors).isTrue();
        assertThat(call("passport")).isEqualTo("found: passport");
        Thread.sleep(4_500);
        assertThat(call("visa")).as("after expiry, server said: %s", serverErrors).isEqualTo("found: visa");
        assertThat(mcp.rejected()).as("refreshed before the server saw an expired token").containsOnly("null");
        int refreshes = authorization.grants.size() - 1;
        assertThat(refreshes).isPositive();
        authorization.expireAccessTokens();
        assertThat(call("rail")).as("after a 401, server said: %s", serverErrors).isEqualTo("found: rail");
        assertThat(authorization.grants).hasSize(refreshes + 2).startsWith("authorization_code resource=" + mcp.url())
                .containsOnly("authorization_code resource=" + mcp.url(), "refresh_token resource=" + mcp.url());
        assertThat(authorization.problems).isEmpty();
        assertThat(mcp.authorizations()).allMatch(h -> h.equals("null") || h.startsWith("Bearer at-"));
        assertThat(authorization.authorizationHeaders).as("no token goes to the authorization server's origin as a bearer")
                .containsOnly("null");
        client.closeGracefully();
        client = null;

        run("audit", "--json");
        CliRunner.Result logout = run("auth", "logout", PLUGIN);
        assertThat(logout.exitCode()).as(logout.all()).isZero();
        assertThat(logout.out()).contains("Forgot the tokens of the MCP server 'remote'").contains("Revoked them at");
        assertThat(authorization.revoked()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(run("auth", "list").out()).contains("Not signed in");
        String audit = ok("audit", "--plugin", PLUGIN, "--json").out();
        assertThat(audit).as("sign-in and sign-out are on the record").contains("\"auth.login\"")
                .contains("\"auth.logout\"").containsPattern("\"revoked\"\\s*:\\s*\"yes\"");

        List<String> secrets = authorization.issued();
        assertThat(secrets).hasSize(2 * (refreshes + 2));
        for (String secret : secrets) {
            assertThat(filesBesidesTokensHolding(secret)).as("files holding a token").isEmpty();
            assertThat(String.join("\n", seen)).doesNotContain(secret);
            assertThat(String.join("\n", serverErrors)).doesNotContain(secret);
        }
    }

    @Test
    void aRevokedTokenThatCannotBeRefreshedNamesTheLoginCommand() throws Exception {
        assertThat(run("auth", "login", PLUGIN, "remote", "--yes").exitCode()).isZero();
        authorization.revokeAll();

        CliRunner.Result served = warden.piping("").run("serve", "--workspace", temp.toString());

        assertThat(served.err()).contains("warden-test/remote: the MCP server 'remote' is not available")
                .contains("refused Warden's OAuth token and it could not be refreshed").contains("'" + LOGIN + "'");
        assertThat(authorization.grants).contains("refresh_token resource=" + mcp.url());
        String audit = ok("audit", "--plugin", PLUGIN, "--json").out();
        assertThat(audit).contains("\"mcp.server.failed\"").contains(LOGIN);
        for (String secret : authorization.issued()) {
            assertThat(served.all()).doesNotContain(secret);
            assertThat(audit).doesNotContain(secret);
        }
    }

    @Test
    void aServerThatAsksForOAuthWithoutAStoredTokenNamesTheLoginCommand() {
        CliRunner.Result served = warden.piping("").run("serve", "--workspace", temp.toString());

        assertThat(served.err()).contains("warden-test/remote: the MCP server 'remote' is not available")
                .contains("no token is stored for it: sign in with '" + LOGIN + "'");
    }

    @Test
    void aServerThatRefusesWithoutABearerChallengeIsNotSentToOAuth() {
        challenge = "Basic realm=\"remote\"";

        CliRunner.Result served = warden.piping("").run("serve", "--workspace", temp.toString());

        assertThat(served.err()).contains("warden-test/remote: the MCP server 'remote' is not available")
                .contains("the server answered HTTP 401 (it does not accept the credentials Warden sent")
                .doesNotContain("warden auth login");
    }

    @Test
    void withoutATerminalAndWithoutYesNothingIsSignedIn() throws Exception {
        CliRunner.Result refused = failsLeavingTheHome(3, "auth", "login", PLUGIN);

        assertThat(refused.out()).contains("asks you to sign in at " + authorization.issuer());
        assertThat(refused.err()).contains("not signed in: confirm at a terminal, or pass --yes");
        assertThat(authorization.paths).noneMatch(p -> p.contains("/authorize") || p.contains("/register"));
    }

    @Test
    void metadataForAnotherResourceIsRefused() throws Exception {
        authorization.claimedResource = "http://127.0.0.1:1/other";

        CliRunner.Result refused = failsLeavingTheHome(3, "auth", "login", PLUGIN, "--yes");

        assertThat(refused.err()).contains("is for the resource 'http://127.0.0.1:1/other', not for " + mcp.url());
    }

    @Test
    void authorizationServerMetadataUnderAnotherIssuerIsRefused() throws Exception {
        authorization.claimedIssuer = "https://evil.example";

        CliRunner.Result refused = failsLeavingTheHome(3, "auth", "login", PLUGIN, "--yes");

        assertThat(refused.err()).contains("names the issuer 'https://evil.example', not '" + authorization.issuer() + "'");
    }

    @Test
    void anAuthorizationServerWithoutS256IsRefused() throws Exception {
        authorization.s256 = false;

        CliRunner.Result refused = failsLeavingTheHome(3, "auth", "login", PLUGIN, "--yes");

        assertThat(refused.err()).contains("does not list S256 in code_challenge_methods_supported");
    }

    @Test
    void aTokenEndpointOverPlainHttpElsewhereIsRefused() throws Exception {
        authorization.tokenEndpoint = "http://auth.example.com/token";

        CliRunner.Result refused = failsLeavingTheHome(3, "auth", "login", PLUGIN, "--yes");

        assertThat(refused.err()).contains("its token_endpoint 'http://auth.example.com/token' is not https");
    }

    @Test
    void aBrowserAnswerFromAnotherIssuerIsRefused() throws Exception {
        authorization.sentIss = "https://evil.example";

        CliRunner.Result refused = run("auth", "login", PLUGIN, "--yes");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
        assertThat(refused.err()).contains("comes from the issuer 'https://evil.example'");
        assertThat(authorization.grants).isEmpty();
        assertThat(home.resolve("auth/tokens.json")).doesNotExist();
    }

    @Test
    void metadataAtACloudMetadataAddressIsNeverAsked() throws Exception {
        challenge = "Bearer resource_metadata=\"https://169.254.169.254/latest/meta-data\"";

        CliRunner.Result refused = failsLeavingTheHome(3, "auth", "login", PLUGIN, "--yes");

        assertThat(refused.err()).contains("resolves to 169.254.169.254, a cloud metadata address");
    }

    @Test
    void metadataThatRedirectsIsNotFollowed() throws Exception {
        challenge = "Bearer resource_metadata=\"" + authorization.issuer() + "/moved\"";

        CliRunner.Result failed = failsLeavingTheHome(1, "auth", "login", PLUGIN, "--yes");

        assertThat(failed.err()).contains("no protected-resource metadata was found: tried " + authorization.issuer()
                + "/moved (HTTP 302); Warden follows no redirect of OAuth requests");
        assertThat(authorization.paths).doesNotContain("GET /.well-known/oauth-protected-resource/mcp");
    }

    private CliRunner.Result run(String... args) {
        CliRunner.Result result = warden.piping("").run(args);
        seen.add(result.all());
        return result;
    }

    private String call(String query) {
        McpSchema.CallToolResult answer = client.callTool(new McpSchema.CallToolRequest("warden-test_remote__lookup",
                Map.of("query", query)));
        seen.add(answer.toString());
        assertThat(answer.isError()).as(answer.toString()).isFalse();
        return text(answer);
    }

    private void install(String url) throws Exception {
        String origin = url.substring(0, url.indexOf('/', "http://".length()));
        PluginSource source = PluginSource.plugin("warden-test", "remote")
                .permission("mcp.server", url, "the remote server")
                .permission("net.egress", origin, "the remote server's origin")
                .file(".mcp.json", "{\"mcpServers\": {\"remote\": {\"type\": \"http\", \"url\": \"" + url + "\"}}}");
        Path bundle = publisher.signFolder(source.writeTo(temp.resolve("src/remote")), "remote");
        ok("install", bundle.toString(), "--yes");
    }

    private McpSyncClient connect() {
        McpSyncClient connected = GatewayFixture.stdioClient(new HashMap<>(warden.environment()), temp, serverErrors).build();
        seen.add(connected.initialize().toString());
        return connected;
    }

    /** @return every file under the Warden home, but the token file, whose bytes hold {@code value} */
    private List<Path> filesBesidesTokensHolding(String value) throws Exception {
        Path tokens = home.resolve("auth/tokens.json");
        return filesHolding(value).stream().filter(f -> !f.equals(tokens)).toList();
    }
}
