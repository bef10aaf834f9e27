package dev.warden.manager.config;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.catalog.manifest.UserConfigOptions;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.runtime.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Install's step for a plugin's options: each value given, asked or defaulted, checked against its type, before the
 * review, so that the review shows the URL the plugin will reach and asks for that origin. Nothing is stored until
 * {@link Collected#store}, which install calls inside its commit.
 */
public final class UserConfigIntake {

    /**
     * One option as the review shows it.
     *
     * @param option the option
     * @param value  the value that will be used for a non-sensitive option; for a sensitive one, "set" or "not set"
     */
    public record Shown(UserConfigOption option, String value) {
    }

    /**
     * The values collected for one plugin.
     *
     * @param config    the plugin's configuration as it will be once stored (sensitive values read from {@code secrets})
     * @param settings  the non-sensitive values to store, by key
     * @param secrets   the sensitive values typed at install, by key (never shown)
     */
    public record Collected(UserConfig config, Map<String, String> settings, Map<String, String> secrets) {

        /** @return the options as the review lists them */
        public List<Shown> shown() {
            List<Shown> shown = new ArrayList<>();
            for (UserConfigOption option : config.options()) {
                String value = option.sensitive()
                        ? (secrets.containsKey(option.key()) || config.value(option.key()).isPresent() ? "set" : "not set")
                        : config.setting(option.key()).orElse("not set");
                shown.add(new Shown(option, value));
            }
            return shown;
        }

        /** Stores the values: settings in the plugin's config file, secrets in the secret store. */
        public void store(Path wardenHome, Instant now) throws IOException {
            new PluginConfigStore(wardenHome).write(config.plugin(), settings);
            SecretStore store = new SecretStore(wardenHome);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                store.set(UserConfig.secretName(config.plugin(), secret.getKey()), secret.getValue(), now);
            }
        }
    }

    private UserConfigIntake() {
    }

    /**
     * @param manifest the plugin being installed
     * @param answers  what was given and who may be asked
     * @param mayAsk   false with {@code --yes}: nothing is asked
     * @param wardenHome where the secrets already stored are
     * @param userHome what {@code ~} stands for in a path
     * @return the values; an option that is not required and has neither value nor default stays unset
     * @throws UserConfigException naming the option and the {@code --config} (or {@code warden secret set}) to give,
     *                             if a required option has no value, a value is of the wrong type, or a key given is
     *                             not an option or is sensitive
     */
    public static Collected collect(PluginManifest manifest, UserConfigAnswers answers, boolean mayAsk, Path wardenHome,
                                    Path userHome) throws UserConfigException, IOException {
        List<UserConfigOption> options = UserConfigOptions.of(manifest);
        UserConfig stored = new UserConfig(manifest.id(), options, Map.of(), new SecretStore(wardenHome));
        for (String key : answers.given().keySet()) {
            Optional<UserConfigOption> option = stored.option(key);
            if (option.isEmpty()) {
                throw new UserConfigException(manifest.id() + " has no option " + UnsafeCharacters.quote(key)
                        + (options.isEmpty() ? "; it has none" : "; its options are "
                        + String.join(", ", options.stream().map(UserConfigOption::key).toList())));
            }
            if (option.get().sensitive()) {
                throw new UserConfigException("option " + key + " of " + manifest.id() + " is sensitive, so it is not taken"
                        + " from the command line (where others may see it); type it when asked, or store it before"
                        + " installing: printf '%s' \"$VALUE\" | warden secret set " + UserConfig.secretName(manifest.id(), key));
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (UserConfigOption option : options) {
            Optional<String> given = Optional.ofNullable(answers.given().get(option.key()));
            if (given.isEmpty() && option.sensitive() && stored.value(option.key()).isPresent()) {
                continue; // stored already with 'warden secret set'
            }
            if (given.isEmpty() && mayAsk) {
                given = answers.ask(option).filter(v -> !v.isBlank());
            }
            if (given.isEmpty() && option.defaultValue().isPresent()) {
                continue; // the default applies, and a later version's default with it
            }
            if (given.isEmpty()) {
                if (option.required()) {
                    throw new UserConfigException(manifest.id() + " needs option " + option.key() + " (" + option.type().id()
                            + ", " + UnsafeCharacters.escape(option.title()) + "): " + (option.sensitive()
                            ? "it is sensitive; type it when asked, or store it first with: printf '%s' \"$VALUE\" |"
                            + " warden secret set " + UserConfig.secretName(manifest.id(), option.key())
                            : "give it with --config " + option.key() + "=VALUE"));
                }
                continue;
            }
            String value = OptionValues.check(option, given.get(), userHome);
            (option.sensitive() ? secrets : settings).put(option.key(), value);
        }
        UserConfig config = new UserConfig(manifest.id(), options, settings, key -> secrets.containsKey(stripped(manifest, key))
                ? Optional.of(secrets.get(stripped(manifest, key))) : new SecretStore(wardenHome).value(key));
        return new Collected(config, settings, secrets);
    }

    /** The key of a secret name {@code <publisher>_<name>__KEY}. */
    private static String stripped(PluginManifest manifest, String secretName) {
        String prefix = UserConfig.secretName(manifest.id(), "");
        return secretName.startsWith(prefix) ? secretName.substring(prefix.length()) : secretName;
    }
}
