package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bwrap probe's answer, remembered in the home: believed only for the same bwrap, and only as Warden wrote it. */
class RememberedProbeTest {

    @TempDir
    Path temp;

    Path bin;
    Path runs;
    Path file;

    @BeforeEach
    void aHome() throws IOException {
        bin = Files.createDirectories(temp.resolve("bin"));
        runs = temp.resolve("runs.txt");
        file = Files.createDirectories(temp.resolve("home")).resolve(IsolationSupport.REMEMBERED_FILE);
    }

    /** A fake bwrap that counts its runs in {@link #runs} and then does {@code then}. */
    Path bwrap(String then) throws IOException {
        Path bwrap = bin.resolve("bwrap");
        Files.writeString(bwrap, "#!/bin/sh\necho run >> '" + runs + "'\n" + then + "\n");
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwx------"));
        return bwrap;
    }

    long probes() throws IOException {
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    IsolationSupport answer() {
        return RememberedProbe.answer(file, bin.toString());
    }

    @Test
    void theSecondAnswerComesFromTheFileWithoutATrialSandbox() throws IOException {
        Path bwrap = bwrap("exit 0");

        IsolationSupport first = answer();
        IsolationSupport second = answer();

        assertThat(probes()).isEqualTo(1);
        assertThat(second).isEqualTo(first);
        assertThat(second.mode()).isEqualTo(IsolationDecision.Verdict.PROCESS);
        assertThat(second.bwrap()).contains(bwrap);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aChangedBwrapIsProbedAgainAndItsNewAnswerKept() throws IOException {
        bwrap("exit 0");
        assertThat(answer().mode()).isEqualTo(IsolationDecision.Verdict.PROCESS);

        bwrap("echo 'bwrap: No permissions to create new namespace' >&2; exit 1");
        IsolationSupport changed = answer();

        assertThat(probes()).isEqualTo(2);
        assertThat(changed.mode()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
        assertThat(changed.reason()).contains("No permissions to create new namespace");
        assertThat(answer()).isEqualTo(changed);
        assertThat(probes()).isEqualTo(2);
    }

    @Test
    void aGarbledFileIsIgnoredAndRewritten() throws IOException {
        bwrap("exit 0");
        for (String garbled : new String[] {"", "garbage\n", "warden bwrap probe 1\nsomething else\nPROCESS\nok\n",
                "\u0000\u0001\u00ff"}) {
            Files.writeString(file, garbled, StandardCharsets.ISO_8859_1);
            long before = probes();

            assertThat(answer().mode()).as(garbled).isEqualTo(IsolationDecision.Verdict.PROCESS);
            assertThat(probes()).as(garbled).isEqualTo(before + 1);
            assertThat(Files.readString(file)).startsWith("warden bwrap probe 1\n");
        }
    }

    @Test
    void aForgedAnswerIsNotBelievedFromAFileOthersMayWriteOrWithControlCharacters() throws IOException {
        bwrap("exit 0");
        answer();
        String written = Files.readString(file);
        String downgraded = written.replace("\nPROCESS\n", "\nIN_PROCESS\n");

        Files.writeString(file, downgraded);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(answer().mode()).isEqualTo(IsolationDecision.Verdict.PROCESS);

        Files.writeString(file, written.replace("bubblewrap at", "\u001b[2Jbubblewrap at"));
        assertThat(answer().reason()).doesNotContain("\u001b");
        assertThat(probes()).isEqualTo(3);

        Files.writeString(file, downgraded);
        assertThat(answer().mode()).as("Warden's own format, owner-only: believed").isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
    }

    @Test
    void aLinkInPlaceOfTheFileIsNotFollowed() throws IOException {
        bwrap("exit 0");
        answer();
        Path elsewhere = temp.resolve("elsewhere.txt");
        Files.move(file, elsewhere);
        Files.createSymbolicLink(file, elsewhere);

        answer();

        assertThat(probes()).isEqualTo(2);
    }

    @Test
    void withoutBwrapNothingRunsAndNothingIsWritten() throws IOException {
        assertThat(answer().mode()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
        assertThat(file).doesNotExist();
    }

    @Test
    void aHomeThatDoesNotExistIsNotMadeForTheAnswer() throws IOException {
        bwrap("exit 0");
        Path missing = temp.resolve("no-home").resolve(IsolationSupport.REMEMBERED_FILE);

        assertThat(RememberedProbe.answer(missing, bin.toString()).mode()).isEqualTo(IsolationDecision.Verdict.PROCESS);
        assertThat(missing.getParent()).doesNotExist();
    }
}
