package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PermissionKind#mayNameSecretLocation}: segment | whether it can start a secret location. */
class SecretLocationNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            ".ssh         | true",
            ".SSH         | true",
            ".ss?         | true",
            ".e*          | true",
            ".env.local   | true",
            ".config      | true",
            "Library      | true",
            "library      | true",
            "L*           | true",
            "docs         | false",
            "*            | false",
            "?            | false",
            "**           | false",
            "*.md         | false",
            "*ssh         | false",
            "gcloud       | false",
            "Keychains    | false",
            ".github      | false",
    })
    void answersWhetherASegmentCanNameTheStartOfASecretLocation(String segment, boolean expected) {
        assertThat(PermissionKind.mayNameSecretLocation(segment)).isEqualTo(expected);
    }
}
