package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.registry.testing.SimulatedRepository;
import dev.warden.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signatures checked while the file is parsed: taken only for exactly the bytes the parser found {@code signed}
 * at, so that every file, hostile ones included, gets the answer it gets when checked after the parse.
 */
class EarlySignatureCheckTest {

    private static final String PATH = "acme/notes/acme-notes-1.0.0.wpk";

    private SimulatedRepository repo;
    private RootMetadata root;
    private String canonical;

    @BeforeEach
    void publishOneTarget() throws Exception {
        repo = SimulatedRepository.create();
        repo.addTarget(PATH, "notes".getBytes(StandardCharsets.UTF_8), null);
        canonical = new String(repo.publishTargets(), StandardCharsets.UTF_8);
        root = TrustedMetadata.bootstrap(repo.initialRoot()).root();
    }

    /** The outcome of parsing and verifying, with or without the early check: "ok" or the refusal's kind. */
    private String outcome(byte[] bytes, boolean early) {
        try {
            EarlySignatureCheck check = early
                    ? EarlySignatureCheck.start(bytes, "targets.json", root.role(Role.TARGETS), root.keys()) : null;
            TargetsMetadata parsed = TargetsMetadata.parse(bytes, "targets.json", check);
            root.verify(parsed.envelope(), Role.TARGETS);
            return "ok";
        } catch (TufException e) {
            return e.kind().toString();
        }
    }

    private TargetsMetadata parsedWithEarlyCheck(byte[] bytes) throws TufException {
        return TargetsMetadata.parse(bytes, "targets.json",
                EarlySignatureCheck.start(bytes, "targets.json", root.role(Role.TARGETS), root.keys()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Envelope.Signature onlySignature(TargetsMetadata parsed) {
        return parsed.envelope().signatures().get(0);
    }

    private VerificationKey targetsKey() {
        return root.keysOf(Role.TARGETS).get(0);
    }

    @Test
    void aCanonicalFileIsVerifiedByTheEarlyCheck() throws Exception {
        TargetsMetadata parsed = parsedWithEarlyCheck(utf8(canonical));

        assertThat(parsed.envelope().checkedEarly(targetsKey(), onlySignature(parsed).sig())).contains(true);
        root.verify(parsed.envelope(), Role.TARGETS);
    }

    @Test
    void aChangedTargetFailsTheEarlyCheckAndIsRefused() throws Exception {
        byte[] changed = utf8(canonical.replace("\"length\":5", "\"length\":6"));
        TargetsMetadata parsed = parsedWithEarlyCheck(changed);

        assertThat(parsed.envelope().checkedEarly(targetsKey(), onlySignature(parsed).sig())).contains(false);
        refused(TufException.Kind.SIGNATURE, () -> root.verify(parsed.envelope(), Role.TARGETS));
    }

    @Test
    void aFileInAnotherFormIsLeftToTheCheckAfterTheParse() throws Exception {
        byte[] pretty = StrictJson.pretty(StrictJson.parse(utf8(canonical), "targets.json"));
        TargetsMetadata parsed = parsedWithEarlyCheck(pretty);

        assertThat(parsed.envelope().checkedEarly(targetsKey(), onlySignature(parsed).sig())).isEmpty();
        root.verify(parsed.envelope(), Role.TARGETS);
    }

    @Test
    void aResultIsTakenOnlyForTheKeyAndSignatureTextItChecked() throws Exception {
        TargetsMetadata parsed = parsedWithEarlyCheck(utf8(canonical));
        SigningKey stranger = repo.newKey();
        VerificationKey strangerKey = TufKeys.parse(SimulatedRepository.keyObject(stranger)).orElseThrow();

        assertThat(parsed.envelope().checkedEarly(strangerKey, onlySignature(parsed).sig())).isEmpty();
        assertThat(parsed.envelope().checkedEarly(targetsKey(), onlySignature(parsed).sig().toUpperCase()))
                .isEmpty();
    }

    @Test
    void hostileFilesGetTheSameAnswerWithAndWithoutTheEarlyCheck() throws Exception {
        String sig = onlySignature(TargetsMetadata.parse(utf8(canonical), "t")).sig();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("canonical", canonical);
        files.put("changed target", canonical.replace("\"length\":5", "\"length\":6"));
        files.put("trailing whitespace", canonical + " ");
        files.put("whitespace inside signed", canonical.replace("\"length\":5", "\"length\": 5"));
        files.put("unicode escape for a plain letter", canonical.replace("\"length\":5", "\"l\\u0065ngth\":5"));
        files.put("signed listed twice", canonical.substring(0, canonical.length() - 1)
                + ",\"signed\":" + canonical.substring(canonical.indexOf("\"signed\":") + 9));
        files.put("the marker inside a signature", canonical.replace(sig, "00],\\\"signed\\\":{" + sig));
        files.put("the marker inside a key id", canonical.replace("\"keyid\":\"", "\"keyid\":\"],\\\"signed\\\":{"));
        files.put("signature not hex", canonical.replace(sig, "zz" + sig.substring(2)));
        files.put("a second copy of the signature", canonical.replace("}],\"signed\"",
                "},{\"keyid\":\"other\",\"sig\":\"" + sig + "\"}],\"signed\""));
        files.put("a big number", canonical.replace("\"length\":5", "\"length\":123456789012345678901234567890"));
        files.put("a fraction", canonical.replace("\"length\":5", "\"length\":5.0"));
        files.put("deep nesting", canonical.replace("\"length\":5", "\"length\":5,\"custom\":"
                + "[".repeat(200) + "]".repeat(200)));
        files.put("too deep", canonical.replace("\"length\":5", "\"length\":5,\"custom\":"
                + "[".repeat(2000) + "]".repeat(2000)));
        files.put("duplicate key in a target", canonical.replace("\"length\":5", "\"length\":5,\"length\":5"));
        files.put("signed before signatures", "{\"signed\":" + canonical.substring(canonical.indexOf("\"signed\":") + 9,
                canonical.length() - 1) + ",\"signatures\":" + canonical.substring(canonical.indexOf('['),
                canonical.indexOf(",\"signed\":")) + "}");

        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] bytes = utf8(file.getValue());
            assertThat(outcome(bytes, true)).as(file.getKey()).isEqualTo(outcome(bytes, false));
        }
        assertThat(outcome(utf8(files.get("canonical")), true)).isEqualTo("ok");
        assertThat(outcome(utf8(files.get("signed before signatures")), true)).isEqualTo("ok");
        assertThat(outcome(utf8(files.get("unicode escape for a plain letter")), true)).isEqualTo("ok");
        assertThat(outcome(utf8(files.get("changed target")), true)).isEqualTo("SIGNATURE");
        assertThat(outcome(utf8(files.get("signed listed twice")), true)).isEqualTo("MALFORMED");
    }

    @Test
    void aFileWithoutSignaturesFirstIsNotGuessedAt() throws Exception {
        byte[] bytes = utf8("{\"signed\":{},\"signatures\":[]}");
        EarlySignatureCheck check = EarlySignatureCheck.start(bytes, "t", root.role(Role.TARGETS), root.keys());

        assertThat(check.result(0, bytes.length, targetsKey(), "00")).isEqualTo(Optional.empty());
    }
}
