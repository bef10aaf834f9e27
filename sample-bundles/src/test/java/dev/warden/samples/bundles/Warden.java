package dev.warden.samples.bundles;

import dev.warden.manager.cli.WardenMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs warden commands in this JVM against a home of its own, as on a machine that has never seen the samples. */
final class Warden {

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Map<String, String> env;

    Warden(Path root) {
        env = Map.of("WARDEN_HOME", root.resolve("home").toString(),
                "WARDEN_SYSTEM_DIR", root.resolve("system").toString(),
                "HOME", root.resolve("user-home").toString());
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WardenMain.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
