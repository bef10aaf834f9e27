package dev.warden.manager.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Benchmark fixture (bench/list.sh): installs N small signed plugins into a home through the real
 * commands, in one JVM so that building the fixture takes seconds rather than minutes.
 * Usage: InstallMany WORK_DIR COUNT (WARDEN_HOME and WARDEN_SYSTEM_DIR come from the environment).
 */
public final class InstallMany {

    private InstallMany() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Map<String, String> env = new HashMap<>(System.getenv());
        CliRunner.runOrThrow(env, "keys", "generate", "--publisher", "bench", "--out", work.resolve("keys").toString());
        CliRunner.runOrThrow(env, "trust", "add", work.resolve("keys/bench.pub.json").toString(), "--yes");
        for (int i = 0; i < count; i++) {
            String name = "plugin-" + i;
            Path src = work.resolve("src").resolve(name);
            Files.createDirectories(src.resolve("skills/s"));
            Files.writeString(src.resolve("plugin.json"), "{\"name\":\"" + name + "\",\"version\":\"1.0.0\","
                    + "\"publisher\":\"bench\",\"description\":\"Benchmark plugin " + i + "\",\"permissions\":["
                    + "{\"kind\":\"net.egress\",\"scope\":\"https://api" + i + ".example.com\",\"reason\":\"fetch\"}],"
                    + "\"skills\":\"./skills/\"}", StandardCharsets.UTF_8);
            Files.writeString(src.resolve("skills/s/SKILL.md"), "---\nname: s\ndescription: A skill\n---\nDo it.\n");
            Path bundle = work.resolve(name + ".wpk");
            CliRunner.runOrThrow(env, "pack", src.toString(), "--out", bundle.toString());
            CliRunner.runOrThrow(env, "sign", bundle.toString(), "--key", work.resolve("keys/bench.key").toString());
            CliRunner.runOrThrow(env, "install", bundle.toString(), "--yes");
        }
    }
}
