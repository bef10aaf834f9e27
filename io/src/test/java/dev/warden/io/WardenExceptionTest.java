package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.io.WardenException.Category;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WardenExceptionTest {

    @Test
    void eachCategoryExitsWithItsCodeFromTheDesign() {
        assertThat(Category.ERROR.exitCode()).isEqualTo(1);
        assertThat(Category.USAGE.exitCode()).isEqualTo(2);
        assertThat(Category.REFUSED.exitCode()).isEqualTo(3);
        assertThat(Category.INTEGRITY.exitCode()).isEqualTo(4);
    }

    @Test
    void anExitCodeFindsItsCategoryAndSuccessIsNoFailure() {
        for (Category category : Category.values()) {
            assertThat(Category.ofExitCode(category.exitCode())).isEqualTo(category);
        }
        assertThatThrownBy(() -> Category.ofExitCode(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    @Test
    void aFailureCarriesItsCategoryMessageAndCause() {
        var cause = new IOException("disk full");
        WardenException failure = new WardenException(Category.REFUSED, "acme/weather was refused", cause) {
        };
        assertThat(failure.category()).isEqualTo(Category.REFUSED);
        assertThat(failure).hasMessage("acme/weather was refused").hasCause(cause);
    }
}
