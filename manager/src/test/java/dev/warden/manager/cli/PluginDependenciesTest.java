package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.GitFixtures;
import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.PluginSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A plugin's {@code dependencies} (Claude Code's field, npm semver ranges) from a static marketplace in a folder:
 * installed together after one review, conflicts reported with the plugins and ranges, and a plugin that another
 * enabled plugin needs kept from being disabled or removed.
 */
class PluginDependenciesTest extends StaticSiteFixture {

    static PluginSource vault(String version) {
        return plugin("acme", "vault").version(version).description("Secrets for the deploy kit")
                .permission("net.egress", "https://vault.example.com", "read secrets")
                .connector("secret", "Reads one secret");
    }

    static PluginSource kit(String version, String dependencies) {
        return plugin("acme", "kit").version(version).description("Deploys with the vault's secrets")
                .skill("deploy", "Deploy the service", "Deploy it.")
                .claudeField("dependencies", dependencies);
    }

    int published;

    void publish(PluginSource source) throws Exception {
        publish(acme.sign(source, "bundle-" + ++published));
    }

    void addMarketplace() {
        ok("marketplace", "add", "acme-market", site.toString(), "--yes");
    }

    @Test
    void installsTheDependencyAtTheHighestVersionInItsRangeAfterOneReviewOfBoth() throws Exception {
        publish(vault("1.0.0"));
        publish(vault("1.2.0"));
        publish(vault("2.0.0"));
        publish(kit("1.0.0", "[{\"name\": \"vault\", \"version\": \"^1.0\"}]"));
        addMarketplace();

        CliRunner.Result installed = warden.answering("y\n").run("install", "acme/kit");

        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(installed.out())
                .contains("Install acme/kit 1.0.0 with the plugins it depends on")
                .contains("acme/kit needs vault ^1.0: acme/vault 1.2.0, installed with it")
                .contains("Install acme/kit 1.0.0").contains("depends on   vault ^1.0")
                .contains("Install acme/vault 1.2.0").contains("Connect to vault.example.com over HTTPS")
                .contains("Installed acme/vault 1.2.0, which acme/kit depends on.").contains("Installed acme/kit 1.0.0.");
        assertThat(installed.out().split("\\[y/N]", -1)).as("one question for both").hasSize(2);
        assertThat(installed.out()).contains("Install acme/kit 1.0.0 and what it depends on (acme/vault 1.2.0)?");
        String list = ok("list").out();
        assertThat(list).contains("acme/kit").contains("acme/vault").contains("1.2.0").doesNotContain("2.0.0");
        assertThat(ok("info", "acme/kit").out()).contains("depends on   vault ^1.0");
        assertThat(ok("audit", "--plugin", "acme/vault").out()).contains("acme/kit");
    }

    @Test
    void decliningTheOneQuestionInstallsNeitherPlugin() throws Exception {
        publish(vault("1.0.0"));
        publish(kit("1.0.0", "[\"vault\"]"));
        addMarketplace();
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));

        CliRunner.Result declined = warden.answering("n\n").run("install", "acme/kit");

        assertThat(declined.exitCode()).as(declined.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(declined.out()).contains("acme/kit needs vault (any version): acme/vault 1.0.0, installed with it");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);
    }

    @Test
    void aDependencyWhoseBundleFailsVerificationLeavesNothingInstalled() throws Exception {
        publish(vault("1.0.0"));
        publish(kit("1.0.0", "[\"vault\"]"));
        addMarketplace();
        Path vaultBundle;
        try (Stream<Path> files = Files.walk(site)) {
            vaultBundle = files.filter(f -> f.getFileName().toString().contains("vault") && f.toString().endsWith(".wpk"))
                    .findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(vaultBundle);
        bytes[bytes.length / 2] ^= 1;
        Files.write(vaultBundle, bytes);
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));

        CliRunner.Result refused = warden.run("install", "acme/kit", "--yes");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(refused.err()).contains("vault");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);
    }

    @Test
    void anInstalledDependencyInTheRangeIsKeptAndOneOutsideItIsAConflict() throws Exception {
        publish(vault("1.0.0"));
        publish(vault("1.5.0"));
        publish(kit("1.0.0", "[{\"name\": \"vault\", \"version\": \">=1.0.0 <1.4\"}]"));
        publish(kit("2.0.0", "[{\"name\": \"vault\", \"version\": \"^2.0\"}]"));
        addMarketplace();
        ok("install", "acme/vault@1.0.0", "--yes");

        CliRunner.Result conflict = failsLeavingTheHomeButTheAudit(ExitCode.ERROR, "install", "acme/kit@2.0.0", "--yes");
        assertThat(conflict.err()).contains("acme/kit needs acme/vault ^2.0, but acme/vault 1.0.0 is installed, outside that"
                + " range").contains("warden update acme/vault").doesNotContain("Exception");

        CliRunner.Result kept = ok("install", "acme/kit@1.0.0", "--yes");
        assertThat(kept.out()).contains("acme/kit needs vault >=1.0.0 <1.4: acme/vault 1.0.0, already installed")
                .doesNotContain("Install acme/vault").doesNotContain("Getting acme/vault");
        assertThat(ok("list").out()).contains("1.0.0").doesNotContain("1.5.0");
    }

    @Test
    void aRangeNoOfferSatisfiesIsReportedWithWhatIsOffered() throws Exception {
        publish(vault("1.0.0"));
        publish(vault("1.2.0"));
        publish(kit("1.0.0", "[{\"name\": \"vault\", \"version\": \"~3.1\"}]"));
        addMarketplace();

        CliRunner.Result refused = failsLeavingTheHomeButTheAudit(ExitCode.ERROR, "install", "acme/kit", "--yes");

        assertThat(refused.err()).contains("acme/kit needs acme/vault ~3.1, but marketplace acme-market offers acme/vault only"
                + " at 1.2.0, 1.0.0; no offer satisfies that range").contains("Not installed");
    }

    @Test
    void twoPluginsNeedingRangesNoOneVersionSatisfiesAreARangeConflict() throws Exception {
        publish(vault("1.0.0"));
        publish(vault("2.0.0"));
        publish(plugin("acme", "audit").version("1.0.0").description("Audits deploys")
                .claudeField("dependencies", "[{\"name\": \"vault\", \"version\": \"^2.0.0\"}]"));
        publish(kit("1.0.0", "[\"audit\", {\"name\": \"vault\", \"version\": \"^1.0.0\"}]"));
        addMarketplace();

        CliRunner.Result refused = failsLeavingTheHomeButTheAudit(ExitCode.ERROR, "install", "acme/kit", "--yes");

        assertThat(refused.err()).contains("no version of acme/vault satisfies every plugin being installed")
                .contains("acme/kit needs acme/vault ^1.0.0").contains("acme/audit needs acme/vault ^2.0.0")
                .contains("range conflict");
    }

    @Test
    void pluginsThatDependOnEachOtherAreACycle() throws Exception {
        publish(plugin("acme", "audit").version("1.0.0").description("Audits deploys").claudeField("dependencies", "[\"kit\"]"));
        publish(kit("1.0.0", "[\"audit\"]"));
        addMarketplace();

        CliRunner.Result refused = failsLeavingTheHomeButTheAudit(ExitCode.ERROR, "install", "acme/kit", "--yes");

        assertThat(refused.err()).contains("cycle: acme/kit -> acme/audit -> acme/kit");
    }

    @Test
    void aDependencyNoMarketplaceOffersIsNamedWithWhereItWasLookedFor() throws Exception {
        publish(kit("1.0.0", "[\"vault\", {\"name\": \"ghost\", \"marketplace\": \"elsewhere\"}]"));
        publish(vault("1.0.0"));
        addMarketplace();

        CliRunner.Result refused = failsLeavingTheHomeButTheAudit(ExitCode.ERROR, "install", "acme/kit", "--yes");

        assertThat(refused.err()).contains("acme/kit depends on ghost@elsewhere (any version), which is not installed")
                .contains("elsewhere").contains("warden marketplace add");
        assertThat(ok("list").out()).doesNotContain("acme/vault");
    }

    @Test
    void aDisabledDependencyIsEnabledWithThePluginThatNeedsIt() throws Exception {
        publish(vault("1.0.0"));
        publish(kit("1.0.0", "[\"vault\"]"));
        addMarketplace();
        ok("install", "acme/vault", "--yes");
        ok("disable", "acme/vault");

        CliRunner.Result installed = ok("install", "acme/kit", "--yes");

        assertThat(installed.out()).contains("installed but disabled: enabled with it")
                .contains("Enabled acme/vault 1.0.0, which acme/kit depends on.");
        assertThat(ok("info", "acme/vault").out()).contains("(enabled)");
    }

    @Test
    void aPluginAnEnabledPluginNeedsIsNeitherDisabledNorRemovedUntilThatOneIsOffAndEnablingBringsItBack() throws Exception {
        publish(vault("1.0.0"));
        publish(plugin("acme", "audit").version("1.0.0").description("Audits deploys").claudeField("dependencies", "[\"kit\"]"));
        publish(kit("1.0.0", "[\"vault\"]"));
        addMarketplace();
        ok("install", "acme/audit", "--yes");

        CliRunner.Result disable = failsLeavingTheHome(ExitCode.REFUSED, "disable", "acme/vault");
        assertThat(disable.err()).contains("cannot disable acme/vault: it is needed by acme/kit (which depends on vault")
                .contains("warden disable acme/audit && warden disable acme/kit && warden disable acme/vault")
                .contains("Nothing was changed");
        CliRunner.Result remove = failsLeavingTheHome(ExitCode.REFUSED, "remove", "acme/vault");
        assertThat(remove.err()).contains("cannot remove acme/vault: it is needed by acme/kit")
                .contains("warden remove acme/audit && warden remove acme/kit && warden remove acme/vault");

        ok("disable", "acme/audit");
        ok("disable", "acme/kit");
        ok("disable", "acme/vault");
        assertThat(ok("enable", "acme/kit").out()).contains("Enabled acme/vault, which acme/kit depends on.")
                .contains("Enabled acme/kit.");
        assertThat(ok("info", "acme/vault").out()).contains("(enabled)");
        failsLeavingTheHome(ExitCode.REFUSED, "remove", "acme/vault");
        ok("remove", "acme/kit");
        ok("remove", "acme/vault");
        assertThat(ok("list").out()).contains("acme/audit").doesNotContain("acme/vault");
        assertThat(failsLeavingTheHome(ExitCode.REFUSED, "enable", "acme/audit").err())
                .contains("acme/audit needs kit (any version), which is not installed; install it first ('warden install kit')");
    }

    @Test
    void aBundleFileWithDependenciesResolvesThemInTheMarketplaces() throws Exception {
        publish(vault("1.0.0"));
        addMarketplace();
        Path kitFile = acme.sign(kit("1.0.0", "[{\"name\": \"vault\", \"version\": \"1.x\"}]"), "kit-file");

        CliRunner.Result installed = ok("install", kitFile.toString(), "--yes");

        assertThat(installed.out()).contains("Installed acme/vault 1.0.0, which acme/kit depends on.");
    }

    /** A Claude Code marketplace in git, {@code team}: deploy 2.0.0, whose entry needs vault ~1.0.0, and vault 1.0.3. */
    void addGitMarketplace() throws Exception {
        Path repo = temp.resolve("team-market");
        for (String[] p : new String[][] {{"deploy", "2.0.0"}, {"vault", "1.0.3"}}) {
            Path dir = repo.resolve("plugins/" + p[0]);
            Files.createDirectories(dir.resolve(".claude-plugin"));
            Files.writeString(dir.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + p[0] + "\", \"version\": \""
                    + p[1] + "\", \"description\": \"Claude plugin " + p[0] + "\"}");
        }
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"team-market\", \"owner\": {\"name\":"
                + " \"Team\"}, \"plugins\": [{\"name\": \"deploy\", \"source\": \"./plugins/deploy\", \"dependencies\":"
                + " [{\"name\": \"vault\", \"version\": \"~1.0.0\"}]}, {\"name\": \"vault\", \"source\": \"./plugins/vault\"}]}");
        GitFixtures.commitAll(repo, "two plugins, one needing the other");
        ok("marketplace", "add", "team", repo.toString(), "--yes");
    }

    @Test
    void aSignedPluginNeedingAnUnverifiedOneInstallsNeitherWithoutAllowUnverified() throws Exception {
        addGitMarketplace();
        publish(kit("1.0.0", "[{\"name\": \"vault\", \"marketplace\": \"team\"}]"));
        addMarketplace();

        CliRunner.Result refused = failsLeavingTheHomeButTheAudit(ExitCode.REFUSED, "install", "acme/kit", "--yes");

        assertThat(refused.err()).contains("unverified-team/vault").contains("--allow-unverified");
    }

    @Test
    void aClaudeMarketplaceEntrysDependenciesAreResolvedInTheSameGitMarketplace() throws Exception {
        addGitMarketplace();

        CliRunner.Result installed = ok("install", "deploy@team", "--yes", "--allow-unverified");

        assertThat(installed.out()).contains("unverified-team/deploy needs vault ~1.0.0: unverified-team/vault 1.0.3, installed with it")
                .contains("Installed unverified-team/vault 1.0.3, which unverified-team/deploy depends on.");
        assertThat(failsLeavingTheHome(ExitCode.REFUSED, "disable", "vault@team").err())
                .contains("needed by unverified-team/deploy");
    }

    /** As {@link #failsLeavingTheHome}, for a refusal the audit log records. */
    CliRunner.Result failsLeavingTheHomeButTheAudit(int exitCode, String... args) throws Exception {
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));
        CliRunner.Result result = warden.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.all()).isEqualTo(exitCode);
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);
        assertThat(result.err()).doesNotContain("\tat ");
        return result;
    }
}
