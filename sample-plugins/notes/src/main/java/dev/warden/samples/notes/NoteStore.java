package dev.warden.samples.notes;

import dev.warden.api.PluginInfo;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Files;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The notebook in the plugin's own data folder: one file, {@value #FILE}, which Warden replaces
 * atomically on every change. Removing a note rewrites the file, so the plugin never needs
 * {@code fs.delete}.
 */
final class NoteStore {

    /** A path in the notation of the Files capability; Warden maps it to $WARDEN_HOME/data/PUBLISHER/NAME/. */
    static final String FILE = PluginInfo.DATA_FOLDER + "/notes.json";

    private final Files files;

    NoteStore(Files files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    /**
     * @return the saved notebook; an empty one before the first note is added
     * @throws DamagedNotesException if the file holds something else (it is left as it is)
     * @throws CapabilityException   if the file cannot be read
     */
    NoteBook load() throws CapabilityException, DamagedNotesException {
        Optional<byte[]> saved = files.read(FILE);
        if (saved.isEmpty()) {
            return NoteBook.empty();
        }
        return NoteBook.fromJson(new String(saved.get(), StandardCharsets.UTF_8));
    }

    /** @throws CapabilityException if the file cannot be written; the previous one is then still intact */
    void save(NoteBook book) throws CapabilityException {
        files.write(FILE, book.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
