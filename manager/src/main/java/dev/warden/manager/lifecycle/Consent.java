package dev.warden.manager.lifecycle;

import java.io.IOException;

/** How a lifecycle step asks the person. */
public interface Consent {

    /**
     * Asks a yes/no question, defaulting to no.
     *
     * @return true only when the person said yes
     */
    boolean confirm(String question) throws IOException;

    /** True when a person can be asked (a terminal); false for scripts. */
    boolean canAsk();

    /** Never asks; always no. */
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
