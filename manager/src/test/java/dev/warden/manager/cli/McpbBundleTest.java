package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.testing.TestTools;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MCPB bundles (Claude Desktop extensions) made by the real {@code mcpb} CLI from npm, signed by it
 * self-signed and with a test CA's leaf, checked by {@code warden verify}: the signature is proved over
 * exactly the bytes before its block, the chain against the system CA store and Warden's trusted
 * certificates, and every tampering is an integrity failure; installed (unverified) and served by
 * {@code warden serve}, sandboxed where bwrap works, with its sensitive option from the secret store.
 */
class McpbBundleTest extends HomeFixture {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final byte[] HEADER = "MCPB_SIG_V1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FOOTER = "MCPB_SIG_END".getBytes(StandardCharsets.US_ASCII);

    /** A stdio MCP server with one tool that says whether the API key it was started with is the stored one. */
    private static final String SERVER = """
            const lines = require("readline").createInterface({input: process.stdin});
            const send = message => process.stdout.write(JSON.stringify(message) + "\\n");
            lines.on("line", line => {
              const m = JSON.parse(line);
              if (m.method === "initialize") {
                send({jsonrpc: "2.0", id: m.id, result: {protocolVersion: m.params.protocolVersion,
                  capabilities: {tools: {}}, serverInfo: {name: "weather", version: "1.2.0"}}});
              } else if (m.method === "tools/list") {
                send({jsonrpc: "2.0", id: m.id, result: {tools: [{name: "forecast", description: "The forecast for a city",
                  inputSchema: {type: "object", properties: {city: {type: "string"}}}}]}});
              } else if (m.method === "tools/call") {
                const key = process.env.WEATHER_API_KEY === "k-123" ? "accepted" : "missing";
                send({jsonrpc: "2.0", id: m.id, result: {content: [{type: "text",
                  text: "sunny in " + m.params.arguments.city + ", key " + key}]}});
              } else if (m.id !== undefined) {
                send({jsonrpc: "2.0", id: m.id, error: {code: -32601, message: "no such method"}});
              }
            });
            """;

    private Path mcpb;
    private Path unsigned;
    private McpSyncClient client;
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();

    @AfterEach
    void disconnect() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @BeforeEach
    void aPackedExtension() throws Exception {
        TestTools.nodeOrSkip(getClass());
        TestTools.programOrSkip(getClass(), "openssl", "mcpb signs with certificates openssl makes; install openssl");
        mcpb = TestTools.orSkip(getClass(), REPOSITORY, "node_modules/.bin/mcpb", "the MCPB CLI");
        Path project = Files.createDirectories(temp.resolve("weather"));
        run(project, mcpb.toString(), "init", "--yes");
        // init --yes writes a minimal manifest; the test's server declares a tool and a secret option as well
        Files.writeString(project.resolve("manifest.json"), """
                {
                  "manifest_version": "0.3",
                  "name": "weather",
                  "version": "1.2.0",
                  "description": "Forecasts for a city",
                  "author": {"name": "Acme Extensions"},
                  "server": {
                    "type": "node",
                    "entry_point": "server/index.js",
                    "mcp_config": {
                      "command": "node",
                      "args": ["${__dirname}/server/index.js"],
                      "env": {"WEATHER_API_KEY": "${user_config.api_key}"},
                      "platform_overrides": {
                        "win32": {"command": "node.exe", "args": ["${__dirname}\\\\server\\\\index.js"]},
                        "linux": {"env": {"WEATHER_UNITS": "metric"}},
                        "darwin": {"env": {"WEATHER_UNITS": "metric"}}
                      }
                    }
                  },
                  "tools": [{"name": "forecast", "description": "The forecast for a city"}],
                  "compatibility": {"platforms": ["linux", "darwin"], "runtimes": {"node": ">=18"}},
                  "user_config": {
                    "api_key": {"type": "string", "title": "Weather API key", "description": "Your key",
                      "sensitive": true, "required": true}
                  }
                }
                """);
        Files.createDirectories(project.resolve("server"));
        Files.writeString(project.resolve("server/index.js"), SERVER);
        unsigned = temp.resolve("weather.mcpb");
        run(temp, mcpb.toString(), "pack", project.toString(), unsigned.toString());
    }

    @Test
    void showsAnUnsignedBundleAsUnsignedAndDoesNotCallItVerified() throws Exception {
        CliRunner.Result result = failsLeavingTheHome(ExitCode.REFUSED, "verify", unsigned.toString());

        assertThat(result.out()).contains("MCPB bundle weather 1.2.0 by Acme Extensions (manifest 0.3)", "UNSIGNED",
                "runs         node ${__dirname}/server/index.js", "env          WEATHER_UNITS=metric", "network      none",
                "tools        forecast",
                "api_key (string, required, sensitive: kept in the secret store)", "platforms linux, darwin; node >=18");
        assertThat(result.err()).contains("unsigned; installing it needs --allow-unverified");
    }

    @Test
    void showsASelfSignedBundleAsSelfSignedAndUnverified() throws Exception {
        Path self = copy("self.mcpb");
        run(temp, mcpb.toString(), "sign", self.toString(), "--self-signed");

        CliRunner.Result result = failsLeavingTheHome(ExitCode.REFUSED, "verify", self.toString());

        assertThat(result.out()).contains("self-signed (unverified)", "subject      ");
        assertThat(result.err()).contains("self-signed: nobody vouches for who signed it");
    }

    @Test
    void verifiesABundleSignedByATrustedCaAndNamesItsSubject() throws Exception {
        Path signed = caSigned();
        Files.createDirectories(home.resolve("trust/certificates"));
        Files.copy(temp.resolve("ca/ca.pem"), home.resolve("trust/certificates/test-ca.pem"));

        CliRunner.Result result = ok("verify", signed.toString());

        assertThat(result.out()).contains("verified: every byte as signed, certificate chain to "
                + home.resolve("trust/certificates/test-ca.pem"), "subject      CN=Acme Extensions,O=Acme",
                "issuer       CN=Warden Test CA");
        assertThat(ok("verify", "--json", signed.toString()).out()).contains("\"verified\" : true", "\"status\" : \"chained\"");
    }

    @Test
    void refusesACaSignedBundleWhoseCaNobodyTrusts() throws Exception {
        CliRunner.Result result = failsLeavingTheHome(ExitCode.INTEGRITY, "verify", caSigned().toString());

        assertThat(result.err()).contains("CN=Acme Extensions", "whose chain does not verify");
    }

    @Test
    void refusesABundleWithOneByteChangedAfterSigning() throws Exception {
        Path signed = trustedCaSigned();
        byte[] bytes = Files.readAllBytes(signed);
        bytes[40] ^= 1; // inside the first entry's data, well before the signature block
        Files.write(signed, bytes);

        CliRunner.Result result = failsLeavingTheHome(ExitCode.INTEGRITY, "verify", signed.toString());

        assertThat(result.err()).contains("changed after signing");
    }

    @Test
    void refusesASignatureOverAnotherRangeThanTheZip() throws Exception {
        trustedCaSigned();
        byte[] zip = Files.readAllBytes(unsigned);
        Path shorter = temp.resolve("range.bin");
        Files.write(shorter, Arrays.copyOf(zip, zip.length - 22)); // everything but the end record
        Path der = temp.resolve("range.p7s");
        run(temp, "openssl", "cms", "-sign", "-binary", "-in", shorter.toString(), "-signer",
                temp.resolve("ca/leaf.pem").toString(), "-inkey", temp.resolve("ca/leaf.key").toString(), "-md", "sha256",
                "-outform", "DER", "-out", der.toString());
        Path forged = temp.resolve("range.mcpb");
        Files.write(forged, withBlock(zip, Files.readAllBytes(der)));

        CliRunner.Result result = failsLeavingTheHome(ExitCode.INTEGRITY, "verify", forged.toString());

        assertThat(result.err()).contains("was made over other bytes than the " + zip.length);
    }

    @Test
    void refusesAPatchedCommentLengthThatHidesTheSignatureBlock() throws Exception {
        Path signed = trustedCaSigned();
        byte[] bytes = Files.readAllBytes(signed);
        int zipLength = (int) Files.size(unsigned);
        // the end record's comment length, patched so that zip readers take the block for the archive comment
        ByteBuffer.wrap(bytes, zipLength - 2, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (bytes.length - zipLength));
        Files.write(signed, bytes);

        CliRunner.Result result = failsLeavingTheHome(ExitCode.INTEGRITY, "verify", signed.toString());

        assertThat(result.err()).contains("changed after signing");
    }

    @Test
    void refusesASignatureBlockWhoseLengthDoesNotReachItsFooter() throws Exception {
        Path signed = trustedCaSigned();
        byte[] bytes = Files.readAllBytes(signed);
        int lengthAt = (int) Files.size(unsigned) + HEADER.length;
        ByteBuffer length = ByteBuffer.wrap(bytes, lengthAt, 4).order(ByteOrder.LITTLE_ENDIAN);
        length.putInt(lengthAt, length.getInt(lengthAt) - 1);
        Files.write(signed, bytes);

        CliRunner.Result result = failsLeavingTheHome(ExitCode.INTEGRITY, "verify", signed.toString());

        assertThat(result.err()).contains("the length field or the block was changed");
    }

    @Test
    void installsAnUnsignedBundleOnlyWithAllowUnverifiedAndServesItWithItsSecretFromTheStore() throws Exception {
        CliRunner.Result refused = warden.run("install", unsigned.toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.all()).contains("--allow-unverified");

        CliRunner.Result unset = warden.run("install", unsigned.toString(), "--yes", "--allow-unverified");
        assertThat(unset.exitCode()).as("its required sensitive option has no value yet").isEqualTo(ExitCode.USAGE);
        assertThat(unset.err()).contains("warden secret set unverified-mcpb_weather__api_key");
        assertThat(warden.piping("k-123").run("secret", "set", "unverified-mcpb_weather__api_key").exitCode()).isZero();
        CliRunner.Result installed = ok("install", unsigned.toString(), "--yes", "--allow-unverified");
        assertThat(installed.out()).contains("MCPB extension weather 1.2.0: UNSIGNED",
                "installs as  unverified-mcpb/weather, UNVERIFIED", "no network unless you grant it");
        assertThat(ok("grants", "unverified-mcpb/weather").out())
                .contains("stdio:node ${CLAUDE_PLUGIN_ROOT}/server/index.js").doesNotContain("net.egress");

        client = GatewayFixture.stdioClient(new HashMap<>(warden.environment()), temp, serverErrors).build();
        client.initialize();

        assertThat(eventually(() -> GatewayFixture.names(client.listTools().tools()).contains("unverified-mcpb_weather__forecast")))
                .as("server said: %s", serverErrors).isTrue();
        McpSchema.CallToolResult answer = client.callTool(new McpSchema.CallToolRequest("unverified-mcpb_weather__forecast",
                Map.of("city", "Paris")));
        assertThat(GatewayFixture.text(answer)).isEqualTo("sunny in Paris, key accepted");
        String audit = ok("audit", "--plugin", "unverified-mcpb/weather", "--json").out();
        assertThat(audit).contains("\"mcp.server.start\"").doesNotContain("k-123");
        if (IsolationSupport.here().bwrap().isPresent()) {
            assertThat(audit).contains("\"isolation\" : \"process\"");
        }
    }

    @Test
    void refusesToInstallABundleChangedAfterSigningEvenWithAllowUnverified() throws Exception {
        Path signed = trustedCaSigned();
        byte[] bytes = Files.readAllBytes(signed);
        bytes[40] ^= 1;
        Files.write(signed, bytes);

        CliRunner.Result result = failsLeavingTheHome(ExitCode.INTEGRITY, "install", signed.toString(), "--yes",
                "--allow-unverified");

        assertThat(result.err()).contains("changed after signing");
    }

    @Test
    void infoShowsABundleFileWithItsSignatureAndWhatItRuns() throws Exception {
        Path signed = trustedCaSigned();

        CliRunner.Result result = ok("info", signed.toString());

        assertThat(result.out()).contains("MCPB bundle weather 1.2.0", "verified: every byte as signed",
                "subject      CN=Acme Extensions,O=Acme", "runs         node ${__dirname}/server/index.js");
    }

    @Test
    void refusesToInstallABundleMadeForOtherPlatforms() throws Exception {
        Path project = temp.resolve("weather");
        Path manifest = project.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("[\"linux\", \"darwin\"]", "[\"win32\"]"));
        Path windowsOnly = temp.resolve("windows-only.mcpb");
        run(temp, mcpb.toString(), "pack", project.toString(), windowsOnly.toString());

        CliRunner.Result result = failsLeavingTheHome(ExitCode.REFUSED, "install", windowsOnly.toString(), "--yes",
                "--allow-unverified");

        assertThat(result.err()).contains("is made for win32 (its compatibility.platforms), not for this "
                + dev.warden.manager.mcpb.McpbManifest.currentPlatform() + " machine");
    }

    private Path copy(String name) throws IOException {
        return Files.copy(unsigned, temp.resolve(name));
    }

    private Path trustedCaSigned() throws Exception {
        Path signed = caSigned();
        Files.createDirectories(home.resolve("trust/certificates"));
        Files.copy(temp.resolve("ca/ca.pem"), home.resolve("trust/certificates/test-ca.pem"));
        return signed;
    }

    /** A test CA and a code-signing leaf it issues, made with openssl; the bundle signed by mcpb with the leaf. */
    private Path caSigned() throws Exception {
        Path ca = Files.createDirectories(temp.resolve("ca"));
        run(ca, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "30", "-subj", "/CN=Warden Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(ca, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
                "-subj", "/O=Acme/CN=Acme Extensions");
        Files.writeString(ca.resolve("leaf.ext"),
                "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n");
        run(ca, "openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "leaf.pem", "-days", "10", "-extfile", "leaf.ext");
        Path signed = copy("ca-signed.mcpb");
        run(temp, mcpb.toString(), "sign", signed.toString(), "--cert", ca.resolve("leaf.pem").toString(),
                "--key", ca.resolve("leaf.key").toString());
        return signed;
    }

    private static byte[] withBlock(byte[] zip, byte[] der) {
        ByteBuffer file = ByteBuffer.allocate(zip.length + HEADER.length + 4 + der.length + FOOTER.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.put(zip).put(HEADER).putInt(der.length).put(der).put(FOOTER);
        return file.array();
    }

    private static void run(Path folder, String... command) throws Exception {
        List<String> words = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(words).directory(folder.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", words)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", words) + "\n" + new String(output, StandardCharsets.UTF_8))
                .isZero();
    }
}
