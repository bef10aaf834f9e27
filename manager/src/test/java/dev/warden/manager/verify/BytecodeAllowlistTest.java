package dev.warden.manager.verify;

import static dev.warden.manager.verify.ExpectedViolation.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.manager.testing.FixturePlugin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allowlist file's format and how its rules decide a reference. */
class BytecodeAllowlistTest {

    @TempDir
    Path dir;

    private final JdkAllowlist standard = JdkAllowlist.standard();

    private static JdkAllowlist parse(String text) throws IOException {
        return JdkAllowlist.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new Supertypes(BytecodeAllowlistTest.class.getClassLoader()));
    }

    private static Optional<String> reason(Optional<JdkAllowlist.Refusal> refusal) {
        return refusal.map(JdkAllowlist.Refusal::reason);
    }

    @Test
    void allowsTheBasicsAndNestedTypesOfAnAllowedType() {
        assertThat(standard.checkType("java/lang/String")).isEmpty();
        assertThat(standard.checkType("java/util/Map$Entry")).isEmpty();
        assertThat(standard.checkType("java/time/format/DateTimeFormatter")).isEmpty();
        assertThat(standard.checkMember("java/util/ArrayList", "add", "(Ljava/lang/Object;)Z")).isEmpty();
        assertThat(standard.checkMember("java/lang/System", "nanoTime", "()J")).isEmpty();
        assertThat(standard.checkType("dev/warden/api/capability/Files")).isEmpty();
    }

    @Test
    void aMemberDenyHoldsOnEverySubtypeThatInheritsTheMember() {
        assertThat(reason(standard.checkMember("java/util/ArrayList", "parallelStream", "()Ljava/util/stream/Stream;")))
                .hasValueSatisfying(r -> assertThat(r).contains("shared thread pool"));
        assertThat(reason(standard.checkMember("java/util/stream/IntStream", "parallel", "()Ljava/util/stream/IntStream;")))
                .hasValueSatisfying(r -> assertThat(r).contains("shared thread pool"));
        assertThat(reason(standard.checkMember("java/util/concurrent/ConcurrentHashMap", "forEach",
                "(JLjava/util/function/BiConsumer;)V"))).hasValueSatisfying(r -> assertThat(r).contains("shared thread pool"));
        assertThat(standard.checkMember("java/util/concurrent/ConcurrentHashMap", "forEach", "(Ljava/util/function/BiConsumer;)V")).isEmpty();
        assertThat(reason(standard.checkMember("dev/warden/api/PluginContext", "notifyAll", "()V")))
                .hasValueSatisfying(r -> assertThat(r).contains("threads"));
    }

    @Test
    void aTypeDenyHoldsOnEveryJdkSubclass() {
        assertThat(reason(standard.checkType("java/util/concurrent/ForkJoinWorkerThread")))
                .hasValueSatisfying(r -> assertThat(r).contains("thread"));
        assertThat(reason(standard.checkType("java/security/SecureClassLoader")))
                .hasValueSatisfying(r -> assertThat(r).contains("class loader"));
    }

    @Test
    void aTypeAllowedOnlyMemberByMemberRefusesItsOtherMembers() {
        assertThat(standard.checkType("java/lang/Class")).isEmpty();
        assertThat(standard.checkMember("java/lang/Class", "getName", "()Ljava/lang/String;")).isEmpty();
        assertThat(reason(standard.checkMember("java/lang/Class", "getNestHost", "()Ljava/lang/Class;")))
                .hasValue("not among the members of java/lang/Class a plugin may use");
    }

    @Test
    void aDenyWinsOverABroaderAllow() {
        assertThat(standard.checkType("java/util/ArrayList")).isEmpty();
        assertThat(reason(standard.checkType("java/util/ServiceLoader"))).isPresent();
        assertThat(reason(standard.checkMember("java/io/PrintWriter", "<init>", "(Ljava/lang/String;)V")))
                .hasValue("this constructor opens a file by name");
        assertThat(standard.checkMember("java/io/PrintWriter", "<init>", "(Ljava/io/Writer;)V")).isEmpty();
    }

    @Test
    void namesUnknownJdkTypesAndForeignTypesDifferently() {
        assertThat(reason(standard.checkType("java/util/concurrent/Phaser"))).hasValue("not on the allowlist of JDK types a plugin may use");
        assertThat(reason(standard.checkType("org/pf4j/PluginManager"))).hasValue("not the plugin API and not part of this plugin");
    }

    @Test
    void acceptsOnlyTheJavacBootstrapMethods() {
        assertThat(standard.isBootstrap("java/lang/invoke/LambdaMetafactory", "metafactory")).isTrue();
        assertThat(standard.isBootstrap("java/lang/invoke/StringConcatFactory", "makeConcatWithConstants")).isTrue();
        assertThat(standard.isBootstrap("java/lang/runtime/ObjectMethods", "bootstrap")).isTrue();
        assertThat(standard.isBootstrap("java/lang/invoke/ConstantBootstraps", "invoke")).isFalse();
    }

    @Test
    void matchesPackagesTreesAndPrefixesExactly() throws IOException {
        JdkAllowlist list = parse("""
                # a comment
                allow a/b/*
                allow c/**
                deny  a/b/Bad*   bad by prefix
                """);

        assertThat(list.checkType("a/b/Good")).isEmpty();
        assertThat(list.checkType("a/b/c/Deeper")).isPresent();
        assertThat(list.checkType("c/d/e/F")).isEmpty();
        assertThat(list.checkType("cc/F")).isPresent();
        assertThat(reason(list.checkType("a/b/BadThing"))).hasValue("bad by prefix");
    }

    @Test
    void refusesAMalformedFileNamingTheLine() {
        assertThatThrownBy(() -> parse("allow java/lang/String\ndeny java/lang/Thread\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> parse("permit java/lang/String\n")).hasMessageContaining("unknown directive");
        assertThatThrownBy(() -> parse("allow java/*/String\n")).hasMessageContaining("line 1");
    }

    @Test
    void aPluginClassInheritingADeniedMemberIsRefusedOnTheCall() throws IOException {
        Path plugin = FixturePlugin.in(dir)
                .source("com.evil.Items", """
                        package com.evil;
                        public final class Items extends java.util.ArrayList<String> {
                            public long count() { return parallelStream().count(); }
                        }
                        """)
                .build();

        VerificationReport report = BytecodeVerifier.standard().verify(plugin);

        assertThat(report.violations()).singleElement().satisfies(violation(null, "count()J",
                "com/evil/Items.parallelStream()Ljava/util/stream/Stream;", "shared thread pool"));
    }
}
