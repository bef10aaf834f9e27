package dev.warden.manager.lifecycle;

import dev.warden.manager.config.UserConfigAnswers;
import java.io.IOException;

/** How a lifecycle step shows the person what it is about to do, and asks them. */
public interface Consent {

    /**
     * Shows a review; called before the question about it, and also when none follows ({@code --yes}, a script, an
     * update that needs no approval). The default shows nothing.
     */
    default void show(Review review) throws IOException {
    }

    /**
     * Asks a yes/no question, defaulting to no.
     *
     * @return true only when the person said yes
     */
    boolean confirm(String question) throws IOException;

    /** True when a person can be asked (a terminal); false for scripts. */
    boolean canAsk();

    /** @return the values of a plugin's options given in advance, and how to ask for the others; none by default */
    default UserConfigAnswers userConfig() {
        return UserConfigAnswers.NONE;
    }

    /** Shows nothing and never asks; always no. */
    static Consent none() {
        return new Consent() {
            @Override
            public boolean confirm(String question) {
                return false;
            }

            @Override
            public boolean canAsk() {
                return false;
            }
        };
    }
}
