package dev.warden.signing.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.signing.BundleException;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.BundleVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Asserts that a bundle is refused the same way by verify and by verifyAndExtract, with the expected
 * failure, a message naming the culprit, and no file left anywhere under the test's temporary folder.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * @param tmp the test's temporary folder (holding the bundle); a staging folder is made inside it
     * @return the exception of verifyAndExtract
     */
    public static BundleException assertRefused(BundleVerifier verifier, Path bundle, Path tmp, Failure failure,
                                                String culprit) {
        Map<String, Long> before = TreeSnapshot.of(tmp);
        BundleException verified = catchThrowableOfType(BundleException.class, () -> verifier.verify(bundle));
        assertThat(verified).as("verify must refuse the bundle").isNotNull();
        assertThat(verified.failure()).as(verified.getMessage()).isEqualTo(failure);
        assertThat(verified.getMessage()).contains(culprit);
        Path staging = tmp.resolve("staging-" + System.nanoTime());
        BundleException extracted = catchThrowableOfType(BundleException.class,
                () -> verifier.verifyAndExtract(bundle, staging));
        assertThat(extracted).as("verifyAndExtract must refuse the bundle").isNotNull();
        assertThat(extracted.failure()).as(extracted.getMessage()).isEqualTo(failure);
        assertThat(extracted.getMessage()).contains(culprit);
        assertThat(Files.exists(staging)).as("staging folder must be gone").isFalse();
        assertThat(TreeSnapshot.of(tmp)).as("nothing written under " + tmp).isEqualTo(before);
        return extracted;
    }
}
