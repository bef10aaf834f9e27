package dev.warden.manager.config;

import dev.warden.catalog.manifest.UserConfigOption;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Where install takes the values of a plugin's options from: given in advance ({@code --config}), or asked. */
public interface UserConfigAnswers {

    /** Nothing given, nobody to ask. */
    UserConfigAnswers NONE = new UserConfigAnswers() {
        @Override
        public Map<String, String> given() {
            return Map.of();
        }

        @Override
        public Optional<String> ask(UserConfigOption option) {
            return Optional.empty();
        }
    };

    /** @return the values given in advance, by key (never a sensitive one: those are not taken from the command line) */
    Map<String, String> given();

    /**
     * Asks the person for one option's value (a sensitive one without showing it).
     *
     * @return what was typed; empty if nobody can be asked, or nothing was typed
     */
    Optional<String> ask(UserConfigOption option) throws IOException;
}
