package dev.warden.manager.devtools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The coordinates and plugin versions this Warden was built with ({@code build.properties}, filled in by its
 * build): what a new project pins, and which plugin API Warden installs for it.
 */
final class BuildProperties {

    private BuildProperties() {
    }

    /**
     * @return every property, by name
     * @throws IllegalStateException if the Warden build lacks the file
     */
    static Map<String, String> load() {
        Properties build = new Properties();
        try (InputStream in = BuildProperties.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the Warden build");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        build.stringPropertyNames().stream().sorted().forEach(key -> values.put(key, build.getProperty(key)));
        return values;
    }

    /**
     * @return the value of {@code key}
     * @throws IllegalStateException if the Warden build lacks it
     */
    static String get(String key) {
        String value = load().get(key);
        if (value == null) {
            throw new IllegalStateException("build.properties of the Warden build lacks " + key);
        }
        return value;
    }
}
