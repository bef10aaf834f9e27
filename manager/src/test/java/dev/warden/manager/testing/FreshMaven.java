package dev.warden.manager.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person's home on a machine where Maven never ran: an empty local repository, and a settings file whose one
 * mirror (of everything) is a 127.0.0.1 server offering the build's own local repository less the withheld
 * folders. So a build run there fetches nothing from the network, and whatever it needs from a withheld folder
 * (Warden's own artifacts) it finds only if something put it into the fresh repository.
 */
public final class FreshMaven implements AutoCloseable {

    /** The system property naming the build's local repository (failsafe passes {@code ${settings.localRepository}}). */
    public static final String BUILD_REPOSITORY_PROPERTY = "warden.it.buildRepository";

    private final Path home;
    private final StaticServer mirror;

    private FreshMaven(Path home, StaticServer mirror) {
        this.home = home;
        this.mirror = mirror;
    }

    /**
     * Makes {@code home} (created if missing) a fresh Maven home, mirroring the build's local repository.
     *
     * @param withheld folders of the repository the mirror answers 404 for, e.g. {@code dev/warden/}
     */
    public static FreshMaven at(Path home, String... withheld) throws IOException {
        Path m2 = Files.createDirectories(home.resolve(".m2"));
        StaticServer mirror = StaticServer.serveWithholding(buildRepository(), withheld);
        Files.writeString(m2.resolve("settings.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <mirrors>
                    <mirror>
                      <id>fresh-machine</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(mirror.url()));
        return new FreshMaven(home.toAbsolutePath(), mirror);
    }

    /** The local repository of the build running the tests, which the mirror serves. */
    public static Path buildRepository() {
        String property = System.getProperty(BUILD_REPOSITORY_PROPERTY);
        return property != null && !property.isBlank() ? Path.of(property)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The person's home folder. */
    public Path home() {
        return home;
    }

    /** The fresh local repository, {@code ~/.m2/repository}; it exists once something was put in it. */
    public Path repository() {
        return home.resolve(".m2").resolve("repository");
    }

    /**
     * The environment of a shell of that person: {@code PATH} and {@code JAVA_HOME} of this one, {@code HOME},
     * and {@code MAVEN_OPTS} setting Maven's {@code user.home} (Maven finds its settings there, not in $HOME).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String kept : new String[] {"PATH", "JAVA_HOME", "LANG", "TMPDIR"}) {
            String value = System.getenv(kept);
            if (value != null) {
                env.put(kept, value);
            }
        }
        env.put("HOME", home.toString());
        env.put("MAVEN_OPTS", "-Duser.home=" + home);
        return env;
    }

    /** How many requests the mirror answered. */
    public int requests() {
        return mirror.requests();
    }

    @Override
    public void close() {
        mirror.close();
    }
}
