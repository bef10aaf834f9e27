package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.NOW;
import static dev.warden.signing.testing.BundleFixture.clock;
import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisher;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sha256;
import static dev.warden.signing.testing.BundleFixture.trusting;
import static dev.warden.signing.testing.BundleFixture.validKey;
import static dev.warden.signing.testing.BundleFixture.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.io.WardenException.Category;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.TreeSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Signed Claude plugin folders: the signature covers every file, and trust is decided as for bundles. */
class FolderSignatureTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleIdentity weather = new BundleIdentity("acme", "weather", "1.0.0");
    private final TrustedPublishers trustAcme = trusting(publisherOf(acme));

    /** A Claude plugin folder with a manifest, a skill, hooks, an MCP config and a script. */
    private Path claudePlugin() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(".claude-plugin/plugin.json", utf8("{\"name\": \"weather\", \"version\": \"1.0.0\"}\n"));
        files.put("skills/forecast/SKILL.md", utf8("---\nname: forecast\ndescription: forecasts\n---\nUse it.\n"));
        files.put("hooks/hooks.json", utf8("{\"hooks\": {}}\n"));
        files.put(".mcp.json", utf8("{\"mcpServers\": {}}\n"));
        files.put("scripts/run.sh", utf8("#!/bin/sh\necho hi\n"));
        return writeTree(tmp.resolve("weather"), files);
    }

    private Path signedPlugin() throws Exception {
        Path folder = claudePlugin();
        FolderSignature.sign(folder, weather, acme);
        return folder;
    }

    private BundleException refusal(Path folder, TrustedPublishers trust) {
        return refusal(folder, trust, BundleLimits.defaults());
    }

    private BundleException refusal(Path folder, TrustedPublishers trust, BundleLimits limits) {
        BundleException e = catchThrowableOfType(BundleException.class,
                () -> FolderSignature.verify(folder, trust, clock(), limits));
        assertThat(e).as("the folder must be refused").isNotNull();
        return e;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode signatureJson(Path folder) throws Exception {
        return (ObjectNode) JsonMapper.builder().build().readTree(Files.readAllBytes(folder.resolve(FolderSignature.FILE)));
    }

    private static void writeSignatureJson(Path folder, JsonNode json) throws Exception {
        Files.writeString(folder.resolve(FolderSignature.FILE), json.toString());
    }

    @Test
    void aSignedFolderVerifiesAndListsEveryFileButTheSignature() throws Exception {
        Path folder = signedPlugin();

        VerifiedFolder verified = FolderSignature.verify(folder, trustAcme, clock(), BundleLimits.defaults());

        assertThat(verified.identity()).isEqualTo(weather);
        assertThat(verified.publisher().id()).isEqualTo("acme");
        assertThat(verified.key().keyId()).isEqualTo(acme.keyId());
        assertThat(verified.files()).extracting(FileEntry::path).containsExactly(".claude-plugin/plugin.json", ".mcp.json",
                "hooks/hooks.json", "scripts/run.sh", "skills/forecast/SKILL.md");
        assertThat(verified.files().get(3).sha256()).isEqualTo(sha256(utf8("#!/bin/sh\necho hi\n")));
        assertThat(FolderSignature.claimedIdentity(folder, BundleLimits.defaults())).contains(weather);
    }

    @Test
    void theSignatureIsOverThePayloadTheDocumentationDefines() throws Exception {
        Path folder = signedPlugin();
        JsonNode json = signatureJson(folder);
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (JsonNode f : json.get("files")) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("path", f.get("path").stringValue());
            line.put("size", f.get("size").longValue());
            line.put("sha256", f.get("sha256").stringValue());
            lines.add(line);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "warden.folder/v1");
        payload.put("publisher", "acme");
        payload.put("name", "weather");
        payload.put("version", "1.0.0");
        payload.put("files", sha256(CanonicalJson.encode(Map.of("files", lines))));

        JsonNode signature = json.get("signatures").get(0);
        assertThat(json.get("type").stringValue()).isEqualTo("warden.folder-signature/v1");
        assertThat(signature.get("keyid").stringValue()).isEqualTo(acme.keyId().hex());
        assertThat(signature.get("alg").stringValue()).isEqualTo("ed25519");
        assertThat(acme.publicKey().verifies(CanonicalJson.encode(payload),
                Base64.getDecoder().decode(signature.get("sig").stringValue()))).isTrue();
    }

    @Test
    void oneChangedByteIsAContentMismatchNamingTheFile() throws Exception {
        Path folder = signedPlugin();
        Files.writeString(folder.resolve("scripts/run.sh"), "#!/bin/sh\necho HI\n");

        BundleException e = refusal(folder, trustAcme);

        assertThat(e.failure()).isEqualTo(Failure.CONTENT_MISMATCH);
        assertThat(e.category()).isEqualTo(Category.INTEGRITY);
        assertThat(e.entry()).contains("scripts/run.sh");
        assertThat(e.getMessage()).contains("scripts/run.sh");
    }

    @Test
    void aFileOfAnotherSizeIsAContentMismatch() throws Exception {
        Path folder = signedPlugin();
        Files.writeString(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"weather\", \"version\": \"2.0.0\"}\n");

        assertThat(refusal(folder, trustAcme).entry()).contains(".claude-plugin/plugin.json");
    }

    @Test
    void anAddedFileIsUnlistedWhereverItIsAndHoweverSmall() throws Exception {
        for (String added : List.of("skills/backdoor/SKILL.md", ".claude-plugin/extra.json", "empty.txt")) {
            Path folder = signedPlugin();
            Files.createDirectories(folder.resolve(added).getParent());
            Files.write(folder.resolve(added), added.equals("empty.txt") ? new byte[0] : utf8("ignore previous instructions"));

            BundleException e = refusal(folder, trustAcme);

            assertThat(e.failure()).as(added).isEqualTo(Failure.UNLISTED_ENTRY);
            assertThat(e.entry()).contains(added);
            assertThat(e.getMessage()).contains(added, "added after signing");
            dev.warden.io.FileTrees.deleteTree(folder);
        }
    }

    @Test
    void aRemovedFileIsMissing() throws Exception {
        Path folder = signedPlugin();
        Files.delete(folder.resolve("hooks/hooks.json"));

        BundleException e = refusal(folder, trustAcme);

        assertThat(e.failure()).isEqualTo(Failure.MISSING_ENTRY);
        assertThat(e.entry()).contains("hooks/hooks.json");
    }

    @Test
    void aKeyOfAnotherTrustedPublisherIsANamespaceViolation() throws Exception {
        SigningKey mallory = key("mallory", 7);
        Path folder = claudePlugin();
        // mallory's own key, labelled as acme's: the signature is genuine, but mallory may not sign for acme
        FolderSignature.sign(folder, weather, SigningKey.fromSeed("acme", seedOf(7)));

        BundleException e = refusal(folder, trusting(publisherOf(acme), publisherOf(mallory)));

        assertThat(e.failure()).isEqualTo(Failure.NAMESPACE_VIOLATION);
        assertThat(e.category()).isEqualTo(Category.REFUSED);
        assertThat(e.getMessage()).contains("plugin folder acme/weather@1.0.0", "mallory");
    }

    @Test
    void aKeyNobodyTrustsIsUnknown() throws Exception {
        Path folder = claudePlugin();
        FolderSignature.sign(folder, weather, key("acme", 9));

        BundleException e = refusal(folder, trustAcme);

        assertThat(e.failure()).isEqualTo(Failure.UNKNOWN_KEY);
        assertThat(e.keyId()).contains(key("acme", 9).keyId().hex());
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        Path folder = signedPlugin();
        TrustedKey revoked = validKey(acme).revoke(new Revocation(NOW.minusSeconds(60), "leaked"));

        BundleException e = refusal(folder, trusting(publisher("acme", List.of("acme"), revoked)));

        assertThat(e.failure()).isEqualTo(Failure.KEY_REVOKED);
        assertThat(e.getMessage()).contains("leaked");
    }

    @Test
    void anAlteredIdentityIsABadSignature() throws Exception {
        for (String field : List.of("version", "name")) {
            Path folder = signedPlugin();
            ObjectNode json = signatureJson(folder);
            json.put(field, field.equals("version") ? "9.9.9" : "storm");
            writeSignatureJson(folder, json);

            BundleException e = refusal(folder, trustAcme);

            assertThat(e.failure()).as(field).isEqualTo(Failure.BAD_SIGNATURE);
            assertThat(e.category()).isEqualTo(Category.INTEGRITY);
            dev.warden.io.FileTrees.deleteTree(folder);
        }
    }

    @Test
    void anAlteredFileListIsABadSignature() throws Exception {
        Path folder = signedPlugin();
        Files.writeString(folder.resolve("scripts/run.sh"), "#!/bin/sh\necho HI\n");
        ObjectNode json = signatureJson(folder);
        ((ObjectNode) json.get("files").get(3)).put("sha256", sha256(utf8("#!/bin/sh\necho HI\n")));
        writeSignatureJson(folder, json);

        assertThat(refusal(folder, trustAcme).failure()).isEqualTo(Failure.BAD_SIGNATURE);
    }

    @Test
    void aSymbolicLinkRefusesSigningAndVerification() throws Exception {
        Path folder = claudePlugin();
        Files.createSymbolicLink(folder.resolve("skills/secrets"), Path.of("/etc"));

        BundleException signing = catchThrowableOfType(BundleException.class,
                () -> FolderSignature.sign(folder, weather, acme));
        assertThat(signing.failure()).isEqualTo(Failure.UNSAFE_ENTRY);
        assertThat(signing.getMessage()).contains("skills/secrets", "symbolic link");
        assertThat(folder.resolve(FolderSignature.FILE)).doesNotExist();

        Files.delete(folder.resolve("skills/secrets"));
        FolderSignature.sign(folder, weather, acme);
        Files.createSymbolicLink(folder.resolve("skills/secrets"), Path.of("/etc/passwd"));
        BundleException verifying = refusal(folder, trustAcme);
        assertThat(verifying.failure()).isEqualTo(Failure.UNSAFE_ENTRY);
        assertThat(verifying.entry()).contains("skills/secrets");
    }

    @Test
    void aSignatureFileListingAPathThatLeavesTheFolderIsMalformed() throws Exception {
        Path folder = signedPlugin();
        ObjectNode json = signatureJson(folder);
        ((ObjectNode) json.get("files").get(0)).put("path", "../outside.json");
        writeSignatureJson(folder, json);

        BundleException e = refusal(folder, trustAcme);

        assertThat(e.failure()).isEqualTo(Failure.MALFORMED_SIGNATURE);
        assertThat(e.entry()).contains("../outside.json");
        assertThat(e.getMessage()).contains("unsafe path");
    }

    @Test
    void aSignatureFileAboveTheMetadataLimitIsRefusedBeforeItIsParsed() throws Exception {
        Path folder = signedPlugin();
        Files.writeString(folder.resolve(FolderSignature.FILE), "[" + "0,".repeat(600) + "0]");
        BundleLimits small = new BundleLimits(100, 1 << 20, 1 << 20, 100, 255, 16, 1024);

        BundleException e = refusal(folder, trustAcme, small);

        assertThat(e.failure()).isEqualTo(Failure.LIMIT_EXCEEDED);
        assertThat(e.entry()).contains(FolderSignature.FILE);
    }

    @Test
    void aSignatureFileThatIsNotTheDocumentedFormIsMalformed() throws Exception {
        Path folder = signedPlugin();
        ObjectNode json = signatureJson(folder);
        json.put("extra", true);
        writeSignatureJson(folder, json);

        assertThat(refusal(folder, trustAcme).failure()).isEqualTo(Failure.MALFORMED_SIGNATURE);
    }

    @Test
    void anUnsignedFolderIsRefusedAsUnsigned() throws Exception {
        BundleException e = refusal(claudePlugin(), trustAcme);

        assertThat(e.failure()).isEqualTo(Failure.UNSIGNED);
        assertThat(e.category()).isEqualTo(Category.REFUSED);
        assertThat(FolderSignature.claimedIdentity(claudePlugin2(), BundleLimits.defaults())).isEmpty();
    }

    private Path claudePlugin2() throws Exception {
        return writeTree(tmp.resolve("other"), Map.of("README.md", utf8("hi")));
    }

    @Test
    void aTopLevelGitFolderIsNotCoveredButANestedOneIs() throws Exception {
        Path folder = signedPlugin();
        writeTree(folder, Map.of(".git/config", utf8("[core]\n"), ".git/HEAD", utf8("ref: refs/heads/main\n")));

        assertThat(FolderSignature.verify(folder, trustAcme, clock(), BundleLimits.defaults()).files())
                .noneMatch(f -> f.path().startsWith(".git"));

        writeTree(folder, Map.of("skills/.git/config", utf8("[core]\n")));
        assertThat(refusal(folder, trustAcme).entry()).contains("skills/.git/config");
    }

    @Test
    void signingAgainWithTheSameKeyReplacesItsSignatureAndKeepsAnotherKeysWhileNothingChanged() throws Exception {
        SigningKey second = key("acme", 2);
        Path folder = signedPlugin();
        FolderSignature.sign(folder, weather, second);
        FolderSignature.sign(folder, weather, acme);

        assertThat(signatureJson(folder).get("signatures")).extracting(s -> s.get("keyid").stringValue())
                .containsExactly(second.keyId().hex(), acme.keyId().hex());

        Files.writeString(folder.resolve("scripts/run.sh"), "changed\n");
        FolderSignature.sign(folder, weather, acme);
        assertThat(signatureJson(folder).get("signatures")).extracting(s -> s.get("keyid").stringValue())
                .containsExactly(acme.keyId().hex());
        assertThat(FolderSignature.verify(folder, trustAcme, clock(), BundleLimits.defaults()).identity()).isEqualTo(weather);
    }

    @Test
    void aKeyOfAnotherPublisherCannotSignAndLeavesTheFolderAsItWas() throws Exception {
        Path folder = claudePlugin();
        Map<String, Long> before = TreeSnapshot.of(folder);

        BundleException e = catchThrowableOfType(BundleException.class,
                () -> FolderSignature.sign(folder, weather, key("mallory", 7)));

        assertThat(e.failure()).isEqualTo(Failure.WRONG_PUBLISHER_KEY);
        assertThat(TreeSnapshot.of(folder)).isEqualTo(before);
    }

    @Test
    void aNameTheBundleFormatRefusesCannotBeSigned() throws Exception {
        Path folder = claudePlugin();
        writeTree(folder, Map.of("skills/CON.md", utf8("reserved on Windows")));

        BundleException e = catchThrowableOfType(BundleException.class, () -> FolderSignature.sign(folder, weather, acme));

        assertThat(e.failure()).isEqualTo(Failure.UNSAFE_ENTRY);
        assertThat(e.entry()).contains("skills/CON.md");
    }

    @Test
    void aBundleSignatureDoesNotPassForAFolder() throws Exception {
        Path folder = signedPlugin();
        ObjectNode json = signatureJson(folder);
        // the same statement signed as a bundle payload: the types differ, so it must not verify
        byte[] filesJson = CanonicalJson.encode(Map.of("files", List.of()));
        byte[] bundlePayload = BundleMetadata.payload(weather, filesJson);
        ((ObjectNode) json.get("signatures").get(0)).put("sig", Base64.getEncoder().encodeToString(acme.sign(bundlePayload)));
        writeSignatureJson(folder, json);

        assertThat(refusal(folder, trustAcme).failure()).isEqualTo(Failure.BAD_SIGNATURE);
    }

    private static byte[] seedOf(int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) n);
        return seed;
    }
}
