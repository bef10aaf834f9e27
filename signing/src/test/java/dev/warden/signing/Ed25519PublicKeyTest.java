package dev.warden.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Ed25519 verification (the JDK's) against RFC 8032's vectors, Warden's own signer, and keys and signatures that must fail. */
class Ed25519PublicKeyTest {

    private static final HexFormat HEX = HexFormat.of();
    // RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72)
    private static final Ed25519PublicKey RFC_KEY_1 =
            Ed25519PublicKey.of(HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    private static final byte[] RFC_SIGNATURE_1 = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    private static final Ed25519PublicKey RFC_KEY_2 =
            Ed25519PublicKey.of(HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    private static final byte[] RFC_SIGNATURE_2 = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    @Test
    void acceptsTheSignaturesOfRfc8032() {
        assertThat(RFC_KEY_1.verifies(new byte[0], RFC_SIGNATURE_1)).isTrue();
        assertThat(RFC_KEY_2.verifies(new byte[] {0x72}, RFC_SIGNATURE_2)).isTrue();
    }

    @Test
    void refusesASignatureOfAnotherMessageOrByAnotherKey() {
        assertThat(RFC_KEY_1.verifies(new byte[] {0x72}, RFC_SIGNATURE_1)).isFalse();
        assertThat(RFC_KEY_2.verifies(new byte[] {0x72}, RFC_SIGNATURE_1)).isFalse();
        byte[] flipped = RFC_SIGNATURE_2.clone();
        flipped[10] ^= 1;
        assertThat(RFC_KEY_2.verifies(new byte[] {0x72}, flipped)).isFalse();
    }

    @Test
    void acceptsWhatWardensSignerSignsEvenWhenTheMessageIsLarge() {
        SigningKey key = SigningKey.generate("acme", new SecureRandom());
        byte[] large = new byte[3 << 20];
        Arrays.fill(large, (byte) 'x');
        byte[] small = "{\"signed\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(key.publicKey().verifies(large, key.sign(large))).isTrue();
        assertThat(key.publicKey().verifies(small, key.sign(small))).isTrue();
        large[large.length - 1] = 'y';
        assertThat(key.publicKey().verifies(large, key.sign(small))).isFalse();
    }

    @Test
    void refusesEverySignatureOfAKeyThatIsNoPointOfTheCurve() {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;   // y = 2 has no x on edwards25519
        assertThat(Ed25519PublicKey.of(notAPoint).verifies(new byte[0], RFC_SIGNATURE_1)).isFalse();
        byte[] tooLarge = new byte[32];
        Arrays.fill(tooLarge, (byte) 0xff);   // y >= p: no canonical encoding
        assertThat(Ed25519PublicKey.of(tooLarge).verifies(new byte[0], RFC_SIGNATURE_1)).isFalse();
    }

    @Test
    void refusesSignaturesOfTheWrongLengthOrWithAnOutOfRangeScalar() {
        assertThat(RFC_KEY_1.verifies(new byte[0], null)).isFalse();
        assertThat(RFC_KEY_1.verifies(new byte[0], Arrays.copyOf(RFC_SIGNATURE_1, 63))).isFalse();
        assertThat(RFC_KEY_1.verifies(new byte[0], Arrays.copyOf(RFC_SIGNATURE_1, 65))).isFalse();
        byte[] malleated = RFC_SIGNATURE_1.clone();
        // S + L for the group order L: the same point, but RFC 8032 requires S < L
        byte[] order = HEX.parseHex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        int carry = 0;
        for (int i = 0; i < 32; i++) {
            int sum = (malleated[32 + i] & 0xff) + (order[i] & 0xff) + carry;
            malleated[32 + i] = (byte) sum;
            carry = sum >> 8;
        }
        assertThat(RFC_KEY_1.verifies(new byte[0], malleated)).isFalse();
    }

    @Test
    void checksAPartOfALargerArrayAsTheSameBytesOnTheirOwn() {
        byte[] around = new byte[] {'{', 0x72, '}'};

        assertThat(RFC_KEY_2.verifies(around, 1, 1, RFC_SIGNATURE_2)).isTrue();
        assertThat(RFC_KEY_1.verifies(around, 3, 0, RFC_SIGNATURE_1)).isTrue();
        assertThat(RFC_KEY_2.verifies(around, 0, 2, RFC_SIGNATURE_2)).isFalse();
        assertThat(RFC_KEY_2.verifies(around, 1, 2, RFC_SIGNATURE_2)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RFC_KEY_2.verifies(around, 2, 2, RFC_SIGNATURE_2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
