package dev.warden.manager.cli;

import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/** Asks the person at the terminal for one option's value; a sensitive one is read without echo. */
final class OptionPrompt {

    private OptionPrompt() {
    }

    /** @return what was typed, without its line break; empty when nothing was (the option's default then applies) */
    static String ask(CliContext context, UserConfigOption option) throws IOException {
        StringBuilder prompt = new StringBuilder(UnsafeCharacters.escape(option.title()));
        prompt.append(" (").append(option.key()).append(", ").append(option.type().id());
        if (option.multiple()) {
            prompt.append(", several separated by commas");
        }
        option.min().ifPresent(min -> prompt.append(", at least ").append(min));
        option.max().ifPresent(max -> prompt.append(", at most ").append(max));
        prompt.append(option.required() ? ", required" : ", optional").append(')');
        if (!option.description().isBlank()) {
            context.out().println(UnsafeCharacters.escape(option.description()));
        }
        if (option.sensitive()) {
            String shown = prompt + " (not shown): ";
            Optional<char[]> typed = context.hidden().readLine(shown);
            if (typed.isPresent()) {
                String value = new String(typed.get());
                Arrays.fill(typed.get(), '\0');
                return value;
            }
            context.err().print(shown);
            context.err().flush();
            return Optional.ofNullable(context.in().readLine()).orElse("");
        }
        option.defaultValue().ifPresent(d -> prompt.append(" [").append(UnsafeCharacters.escape(d)).append(']'));
        context.out().print(prompt + ": ");
        context.out().flush();
        return Optional.ofNullable(context.in().readLine()).orElse("");
    }
}
