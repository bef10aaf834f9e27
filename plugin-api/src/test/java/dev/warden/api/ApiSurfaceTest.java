package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ApiSurfaceTest {

    @Test
    void theApiHasAtMostTwentyPublicTypesAndEachStatesItsStability() throws Exception {
        List<Class<?>> types = publicTopLevelTypes();

        assertThat(types).hasSizeBetween(1, 20);
        assertThat(types).allSatisfy(type -> assertThat(type.getAnnotation(Api.class)).as(type.getName()).isNotNull());
    }

    private static List<Class<?>> publicTopLevelTypes() throws Exception {
        Path classes = Path.of(Api.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.endsWith("package-info.class"))
                    .<Class<?>>map(name -> load(name.substring(0, name.length() - ".class".length()).replace('/', '.')))
                    .filter(type -> Modifier.isPublic(type.getModifiers()))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }
}
