package dev.warden.manager.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowingConsumer;

/** What a test expects of one violation: the parts it names are checked, the others are not. */
final class ExpectedViolation implements ThrowingConsumer<Violation> {

    private final List<Consumer<Violation>> checks = new ArrayList<>();

    private ExpectedViolation() {
    }

    static ExpectedViolation violation() {
        return new ExpectedViolation();
    }

    /** The class (or plugin file) the violation is found in, e.g. {@code com/evil/Plugin} or {@code lib/helper.jar}. */
    ExpectedViolation in(String className) {
        checks.add(v -> assertThat(v.className()).as("class").isEqualTo(className));
        return this;
    }

    /** The method it is found in, or {@link Violation#CLASS} / {@link Violation#FILE}. */
    ExpectedViolation method(String method) {
        checks.add(v -> assertThat(v.method()).as("method").isEqualTo(method));
        return this;
    }

    ExpectedViolation member(String member) {
        checks.add(v -> assertThat(v.member()).as("member").isEqualTo(member));
        return this;
    }

    ExpectedViolation reason(String reason) {
        checks.add(v -> assertThat(v.reason()).as("reason").isEqualTo(reason));
        return this;
    }

    ExpectedViolation reasonContaining(String words) {
        checks.add(v -> assertThat(v.reason()).as("reason").contains(words));
        return this;
    }

    ExpectedViolation describedStartingWith(String start) {
        checks.add(v -> assertThat(v.describe()).as("description").startsWith(start));
        return this;
    }

    @Override
    public void acceptThrows(Violation violation) {
        checks.forEach(check -> check.accept(violation));
    }
}
