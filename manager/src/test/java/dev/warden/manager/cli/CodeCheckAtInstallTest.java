package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.EscapeFamilies;
import dev.warden.manager.testing.FixturePlugin;
import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytecode check in the install pipeline: code that reaches past the plugin API is refused before the review. */
class CodeCheckAtInstallTest extends TrustedAcmeFixture {

    Path signedBundleWithCode(String name, String className, String source) throws Exception {
        Path dir = plugin("acme", name).connector("run", "Runs something").writeTo(temp.resolve("src").resolve(name));
        Path compiled = FixturePlugin.in(temp.resolve("fixture").resolve(name)).source(className, source).build().resolve("classes");
        try (var files = java.nio.file.Files.walk(compiled)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path target = dir.resolve("classes").resolve(compiled.relativize(file).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(file, target);
            }
        }
        Path bundle = temp.resolve(name + ".wpk");
        CliRunner.Result packed = warden.run("pack", dir.toString(), "--out", bundle.toString());
        assertThat(packed.exitCode()).as(packed.all()).isZero();
        CliRunner.Result signed = warden.run("sign", bundle.toString(), "--key", acme.keys().resolve("acme.key").toString());
        assertThat(signed.exitCode()).as(signed.all()).isZero();
        return bundle;
    }

    @Test
    void aSignedBundleWhoseCodeUsesReflectionIsRefusedNamingTheMember() throws Exception {
        Path bundle = signedBundleWithCode("sneaky", "com.acme.sneaky.Sneaky", """
                package com.acme.sneaky;
                public class Sneaky {
                    public Object peek(Object target) throws Exception {
                        return target.getClass().getDeclaredMethod("secret").invoke(target);
                    }
                }
                """);
        CliRunner.Result first = warden.run("list");
        assertThat(first.exitCode()).isZero();
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));

        CliRunner.Result refused = warden.run("install", bundle.toString(), "--yes");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("reaches past the plugin API").contains("com/acme/sneaky/Sneaky.peek")
                .contains("java/lang/reflect/Method.invoke");
        assertThat(refused.out()).doesNotContain("Install acme/sneaky");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);
        assertThat(warden.run("audit", "--json").out()).contains("install.refused").contains("Method.invoke");
    }

    @Test
    void codeThatKeepsToThePluginApiInstallsAndTheReviewSaysItWasChecked() throws Exception {
        Path bundle = signedBundleWithCode("tidy", "com.acme.tidy.Tidy", """
                package com.acme.tidy;
                import java.util.List;
                public record Tidy(List<String> words) {
                    public String joined() {
                        return words.stream().map(String::strip).filter(w -> !w.isEmpty()).reduce("", (a, b) -> a + " " + b);
                    }
                }
                """);

        CliRunner.Result installed = warden.run("install", bundle.toString(), "--yes");

        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(installed.out()).contains("Code check: 1 class uses only the plugin API and allowed parts of the JDK.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.warden.manager.testing.EscapeFamilies#fromStart")
    void eachEscapeFamilyIsRefusedAtInstallWithAReportNamingTheMember(String family, String body, String member,
                                                                      String reasonWords) throws Exception {
        Path bundle = signedBundleWithCode("evil", "com.evil.Plugin", EscapeFamilies.pluginStarting(body));
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));

        CliRunner.Result refused = warden.run("install", bundle.toString(), "--yes");

        assertThat(refused.exitCode()).as(family + ": " + refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).as(family).contains("com/evil/Plugin.start").contains(member).contains(reasonWords);
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).as(family).isEqualTo(before);
    }
}
