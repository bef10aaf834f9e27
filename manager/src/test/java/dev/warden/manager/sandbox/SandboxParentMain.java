package dev.warden.manager.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * A Warden stand-in for {@link SandboxedProcessTest}: starts a sandboxed {@code sleep}, prints its
 * pid, then ends without closing it ({@code exit}) or waits to be killed ({@code wait}).
 */
final class SandboxParentMain {

    public static void main(String[] args) throws Exception {
        Path bwrap = IsolationSupport.here().bwrap().orElseThrow();
        SandboxedProcess sleep = SandboxedProcess.start(SandboxFolders.in(Path.of(args[0])).sandbox(bwrap, List.of()),
                ProcessLimits.none(), List.of("sleep", "60"));
        System.out.println(SandboxedProcessTest.awaitDescendant(sleep, "sleep").pid());
        System.out.flush();
        if (args[1].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(60_000);
    }

    private SandboxParentMain() {
    }
}
