package dev.warden.registry.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.registry.testing.SimulatedRepository;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys other TUF tools write (securesystemslib's PEM RSA and ECDSA keys), checked with keys made at test time. */
class TufKeysTest {

    private static final byte[] MESSAGE = "{\"_type\":\"snapshot\"}".getBytes(StandardCharsets.UTF_8);

    private static Map<String, Object> keyObject(String type, String scheme, KeyPair pair) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return SimulatedRepository.keyObject(type, scheme, pem);
    }

    private static byte[] sign(String algorithm, java.security.spec.AlgorithmParameterSpec params, KeyPair pair,
                               byte[] message) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        if (params != null) {
            signer.setParameter(params);
        }
        signer.initSign(pair.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void checksRsaPkcs1Signatures() throws Exception {
        KeyPair pair = rsa();
        VerificationKey key = TufKeys.parse(keyObject("rsa", "rsa-pkcs1v15-sha256", pair)).orElseThrow();

        assertThat(key.verifies(MESSAGE, sign("SHA256withRSA", null, pair, MESSAGE))).isTrue();
        assertThat(key.verifies("other".getBytes(StandardCharsets.UTF_8), sign("SHA256withRSA", null, pair, MESSAGE)))
                .isFalse();
    }

    @Test
    void checksRsaPssSignaturesSaltedWithTheDigestLengthOrTheMost() throws Exception {
        KeyPair pair = rsa();
        VerificationKey key = TufKeys.parse(keyObject("rsa", "rsassa-pss-sha256", pair)).orElseThrow();

        for (int salt : new int[] {32, 2048 / 8 - 32 - 2}) {
            PSSParameterSpec spec = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1);
            assertThat(key.verifies(MESSAGE, sign("RSASSA-PSS", spec, pair, MESSAGE))).as("salt " + salt).isTrue();
        }
    }

    @Test
    void checksEcdsaP256SignaturesUnderEitherKeyTypeName() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] signature = sign("SHA256withECDSA", null, pair, MESSAGE);

        for (String type : new String[] {"ecdsa", "ecdsa-sha2-nistp256"}) {
            VerificationKey key = TufKeys.parse(keyObject(type, "ecdsa-sha2-nistp256", pair)).orElseThrow();
            assertThat(key.verifies(MESSAGE, signature)).isTrue();
            assertThat(key.verifies(MESSAGE, new byte[] {0x30, 0})).isFalse();
        }
    }

    @Test
    void ignoresAKeyWhoseTypeDoesNotFitItsSchemeOrWhosePemIsBroken() throws Exception {
        KeyPair pair = rsa();

        assertThat(TufKeys.parse(keyObject("ecdsa", "rsa-pkcs1v15-sha256", pair))).isEmpty();
        assertThat(TufKeys.parse(keyObject("rsa", "ecdsa-sha2-nistp256", pair))).isEmpty();
        assertThat(TufKeys.parse(Map.of("keytype", "rsa", "scheme", "rsa-pkcs1v15-sha256",
                "keyval", Map.of("public", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")))).isEmpty();
    }

    @Test
    void theSameKeyUnderTwoKeyIdsIsOneKey() throws Exception {
        KeyPair pair = rsa();

        assertThat(TufKeys.parse(keyObject("rsa", "rsa-pkcs1v15-sha256", pair)))
                .isEqualTo(TufKeys.parse(keyObject("rsa", "rsa-pkcs1v15-sha256", pair)));
    }
}
