package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which isolation a machine offers: process mode only with a bwrap that really makes a sandbox. */
class IsolationSupportTest {

    @TempDir
    Path temp;

    Path fakeBwrap(String script) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path bwrap = bin.resolve("bwrap");
        Files.writeString(bwrap, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bwrap;
    }

    @Test
    void withoutBwrapOnThePathRunsInProcessAndSaysSo() {
        IsolationSupport support = IsolationSupport.detect(temp.toString());

        assertThat(support.mode()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
        assertThat(support.bwrap()).isEmpty();
        assertThat(support.reason()).isEqualTo("no bwrap on PATH; install bubblewrap for process isolation");
        assertThat(IsolationSupport.detect(null).mode()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
    }

    @Test
    void aBwrapThatCannotMakeNamespacesIsNotUsedAndItsWordsAreTheReason() throws IOException {
        Path bwrap = fakeBwrap("echo 'bwrap: No permissions to create new namespace' >&2; exit 1");

        IsolationSupport support = IsolationSupport.detect(bwrap.getParent().toString());

        assertThat(support.mode()).isEqualTo(IsolationDecision.Verdict.IN_PROCESS);
        assertThat(support.reason()).isEqualTo(bwrap + " cannot make a sandbox here (exit 1: bwrap: No permissions to create new namespace)");
    }

    @Test
    void aWorkingBwrapGivesProcessMode() throws IOException {
        Path bwrap = fakeBwrap("exit 0");

        IsolationSupport support = IsolationSupport.detect("relative/bin::" + bwrap.getParent());

        assertThat(support.mode()).isEqualTo(IsolationDecision.Verdict.PROCESS);
        assertThat(support.bwrap()).contains(bwrap);
        assertThat(support.reason()).isEqualTo("bubblewrap at " + bwrap);
    }

    @Test
    void thisMachineSaysWhichModeItSupportsAndWhy() {
        IsolationSupport here = IsolationSupport.here();

        System.out.println("isolation here: " + here.mode() + ", " + here.reason());
        assertThat(here.reason()).isNotBlank();
        assertThat(BubblewrapSandbox.find()).isEqualTo(here.bwrap());
    }

    @Test
    void aBwrapPathGoesWithProcessModeOnly() {
        assertThatThrownBy(() -> new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.of(Path.of("/usr/bin/bwrap")), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IsolationSupport(IsolationDecision.Verdict.PROCESS, Optional.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
