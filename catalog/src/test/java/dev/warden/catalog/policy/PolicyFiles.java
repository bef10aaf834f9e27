package dev.warden.catalog.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes a system and a user policy file into a folder and loads them; a missing text means no file. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static Path system(Path folder) {
        return folder.resolve("system").resolve("policy.json");
    }

    static Path user(Path folder) {
        return folder.resolve("user").resolve("policy.json");
    }

    static Policy load(Path folder, Optional<String> system, Optional<String> user) throws PolicyException {
        write(system(folder), system);
        write(user(folder), user);
        return PolicyLoader.load(system(folder), user(folder));
    }

    static void write(Path file, Optional<String> json) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (json.isPresent()) {
                Files.writeString(file, json.get(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
