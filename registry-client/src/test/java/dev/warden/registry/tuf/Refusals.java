package dev.warden.registry.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs a call that must fail with a {@link TufException} of a kind, and returns it for the message checks. */
final class Refusals {

    private Refusals() {
    }

    static TufException refused(TufException.Kind kind, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(TufException.class);
        TufException e = (TufException) thrown;
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }
}
