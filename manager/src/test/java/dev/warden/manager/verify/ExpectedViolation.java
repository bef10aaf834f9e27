package dev.warden.manager.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.ThrowingConsumer;

/**
 * What a test expects of one violation: the parts given must be equal (the reason must contain {@code reasonWords});
 * a null part is not checked.
 */
record ExpectedViolation(String className, String method, String member, String reasonWords)
        implements ThrowingConsumer<Violation> {

    static ExpectedViolation violation(String className, String method, String member, String reasonWords) {
        return new ExpectedViolation(className, method, member, reasonWords);
    }

    @Override
    public void acceptThrows(Violation violation) {
        ExpectedViolation seen = new ExpectedViolation(className == null ? null : violation.className(),
                method == null ? null : violation.method(), member == null ? null : violation.member(),
                reasonWords == null || violation.reason().contains(reasonWords) ? reasonWords : violation.reason());
        assertThat(seen).as(violation.describe()).isEqualTo(this);
    }
}
