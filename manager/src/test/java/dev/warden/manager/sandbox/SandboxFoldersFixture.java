package dev.warden.manager.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test over the folders of {@link SandboxFolders#in} in a temporary folder, each folder also in a field of its own. */
abstract class SandboxFoldersFixture {

    @TempDir
    Path temp;

    SandboxFolders folders;
    Path ws;
    Path data;
    Path home;
    Path wardenHome;
    Path install;

    @BeforeEach
    void sandboxFolders() throws IOException {
        folders = SandboxFolders.in(temp);
        ws = folders.ws();
        data = folders.data();
        home = folders.home();
        wardenHome = folders.wardenHome();
        install = folders.install();
    }
}
