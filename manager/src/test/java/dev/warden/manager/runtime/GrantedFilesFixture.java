package dev.warden.manager.runtime;

import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file capability test over real folders: a workspace and a folder outside every grant in a temporary folder
 * (its real path), an audit that keeps what it is told, and the capability under test, closed after each test.
 */
abstract class GrantedFilesFixture {

    @TempDir
    Path temp;

    Path ws;
    Path outside;
    RecordingAudit audit = new RecordingAudit();
    GrantedFiles files;

    @BeforeEach
    void workspaceAndOutside() throws IOException {
        temp = temp.toRealPath();
        ws = Files.createDirectories(temp.resolve("ws"));
        outside = Files.createDirectories(temp.resolve("outside"));
    }

    @AfterEach
    void close() throws IOException {
        if (files != null) {
            files.close();
        }
    }

    /** A Warden home beside the plugin's folders, holding none of them. */
    ProtectedState wardenState() {
        return new WardenHome(temp.resolve("warden-home"), temp.resolve("system")).protectedState();
    }
}
