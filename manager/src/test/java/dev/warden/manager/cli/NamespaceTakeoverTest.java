package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.GitFixtures;
import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.PluginSource;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.PublisherEntries;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * THREATS.md "Names and namespaces": a marketplace must not take a trusted publisher's name, its
 * unverified plugins never share ids with signed ones, and a plugin is never replaced by an unverified
 * one, by one another publisher signed or by one from another marketplace without a refusal naming both.
 */
class NamespaceTakeoverTest extends TrustedAcmeFixture {

    /** Runs a command that must be refused (exit 3) naming {@code named}, and checks it changed nothing but the audit log. */
    CliRunner.Result refused(String[] args, String... named) throws Exception {
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));
        CliRunner.Result result = warden.run(args);
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(result.err()).as(result.all()).contains(named).doesNotContain("Exception");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);
        return result;
    }

    static String[] args(String... args) {
        return args;
    }

    /** A git repository holding a Claude marketplace (itself named {@code listedAs}) with one plugin {@code name}. */
    Path gitMarketplace(String folder, String listedAs, String name, String version) throws Exception {
        Path repo = temp.resolve(folder);
        GitMarketplaceCliTest.claudePlugin(repo.resolve("plugins/" + name), name);
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"" + listedAs + "\", \"owner\": {\"name\": \""
                + listedAs + "\"}, \"plugins\": [{\"name\": \"" + name + "\", \"source\": \"./plugins/" + name + "\", \"version\": \""
                + version + "\"}]}");
        GitFixtures.commitAll(repo, version);
        return repo;
    }

    Path signedHello(String version) throws Exception {
        return acme.sign(plugin("acme", "hello").version(version), "hello-" + version);
    }

    /** An unsigned bundle, packed by the real pack command: what anyone can make. */
    Path unsigned(PluginSource source, String fileName) throws Exception {
        Path src = source.writeTo(temp.resolve("unsigned-src").resolve(fileName));
        Path bundle = temp.resolve(fileName + ".wpk");
        ok("pack", src.toString(), "--out", bundle.toString());
        return bundle;
    }

    @Test
    void aMarketplaceCannotTakeTheNameOfATrustedPublisher() throws Exception {
        ok("install", signedHello("1.0.0").toString(), "--yes");
        Path repo = gitMarketplace("evil", "evil", "hello", "9.0.0");

        refused(args("marketplace", "add", "acme", repo.toString(), "--yes"), "'acme'", "a publisher you trust");

        assertThat(ok("marketplace", "list").out()).contains("No marketplaces");
        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("\"verified\" : true");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ACME", "Acme", "acme.", "acme-", "-acme", "ac-me", "\u0430cme", "acm\u0435", "4cm3", "acrne", "acme1",
        "acmе-", "ａｃｍｅ", "acme\u200b", "acme\u202e"})
    void namesThatLookLikeATrustedPublisherAreRefusedToo(String name) throws Exception {
        Path repo = gitMarketplace("evil", "evil", "hello", "9.0.0");

        CliRunner.Result result = refused(args("marketplace", "add", "--yes", "--", name, repo.toString()), "'acme'");

        // twin letters and invisible characters are shown as escapes, so the person sees why
        assertThat(result.err()).contains("looks like").matches("(?s)[\\x00-\\x7F]*");
    }

    @Test
    void aNamespaceATrustedPublisherSignsForIsTakenToo() throws Exception {
        Publisher globex = new Publisher(warden, temp.resolve("globex"), "globex");
        Path entry = globex.publicEntry();
        Files.writeString(entry, Files.readString(entry).replaceFirst("\"namespaces\"\\s*:\\s*\\[\\s*\"globex\"", "\"namespaces\" : [ \"globex\", \"initech\""));
        ok("trust", "add", entry.toString(), "--yes");

        refused(args("marketplace", "add", "initech", gitMarketplace("evil", "evil", "hello", "1.0.0").toString(), "--yes"),
                "'initech'", "globex");
    }

    @Test
    void unverifiedPluginsGetIdsNoSignedPluginCanHave() throws Exception {
        ok("install", signedHello("1.0.0").toString(), "--yes");
        ok("marketplace", "add", "team", gitMarketplace("team-repo", "acme", "hello", "9.0.0").toString(), "--yes");

        assertThat(ok("search", "hello").out()).contains("unverified-team/hello");
        CliRunner.Result installed = ok("install", "unverified-team/hello", "--yes", "--allow-unverified");

        assertThat(installed.out()).contains("Installed unverified-team/hello 9.0.0.");
        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("\"verified\" : true");
        assertThat(ok("list").out()).contains("acme/hello").contains("unverified-team/hello");
    }

    @Test
    void noPublisherCanBeTrustedToSignTheUnverifiedNamespace() throws Exception {
        CliRunner.Result keys = warden.run("keys", "generate", "--publisher", "unverified-team", "--out", temp.resolve("k").toString());
        assertThat(keys.exitCode()).as(keys.all()).isEqualTo(ExitCode.USAGE);
        assertThat(keys.err()).contains("unverified-");

        Publisher sneaky = new Publisher(warden, temp.resolve("sneaky"), "sneaky");
        Path entry = sneaky.publicEntry();
        Files.writeString(entry, Files.readString(entry).replaceFirst("\"namespaces\"\\s*:\\s*\\[\\s*\"sneaky\"",
                "\"namespaces\" : [ \"unverified-team\""));
        CliRunner.Result trusted = warden.run("trust", "add", entry.toString(), "--yes");
        assertThat(trusted.exitCode()).as(trusted.all()).isNotZero();
        assertThat(trusted.err()).contains("unverified-team").contains("unverified plugins");
        assertThat(ok("trust", "list").out()).doesNotContain("sneaky");
    }

    @Test
    void anUnverifiedBundleMayNotTakeAnIdInATrustedPublishersNamespace() throws Exception {
        Path forged = unsigned(plugin("acme", "hello").version("1.0.0"), "forged-hello");
        Path strangers = new Publisher(warden, temp.resolve("stranger"), "acme").sign(plugin("acme", "tool"), "stranger-tool");

        refused(args("install", forged.toString(), "--yes", "--allow-unverified"), "acme/hello", forged.toString(), "UNVERIFIED",
                "namespace of publisher acme");
        refused(args("install", strangers.toString(), "--yes", "--allow-unverified"), "acme/tool", "namespace of publisher acme");

        ok("install", signedHello("1.0.0").toString(), "--yes");
        Path newer = unsigned(plugin("acme", "hello").version("2.0.0"), "forged-hello-2");
        refused(args("install", newer.toString(), "--yes", "--allow-unverified"), "namespace of publisher acme");
        refused(args("update", "acme/hello", "--from", newer.toString(), "--yes", "--allow-unverified"), "namespace of publisher acme");
        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("\"verified\" : true");
        assertThat(ok("audit", "--plugin", "acme/hello").out()).contains("install.refused");
    }

    @Test
    void aSignedPluginIsNeverReplacedByAnUnverifiedOneEvenOnceItsPublisherIsNoLongerTrusted() throws Exception {
        Path signed = signedHello("1.0.0");
        ok("install", signed.toString(), "--yes");
        ok("trust", "remove", "acme");
        Path forged = unsigned(plugin("acme", "hello").version("2.0.0"), "forged-hello");

        refused(args("install", forged.toString(), "--yes", "--allow-unverified"), "signed by a key no publisher you trust holds",
                signed.toString(), "UNVERIFIED", forged.toString(), "never replaced by an unverified one");
        refused(args("update", "acme/hello", "--from", forged.toString(), "--yes", "--allow-unverified"), "UNVERIFIED");

        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("\"verified\" : true");
        assertThat(ok("audit", "--plugin", "acme/hello").out()).contains("update.refused");
    }

    @Test
    void aSignedPluginIsNotReplacedByABundleAnotherTrustedPublisherSignsForItsNamespace() throws Exception {
        ok("install", signedHello("1.0.0").toString(), "--yes");
        // mallory is trusted to sign for acme's namespace too: her bundle verifies, yet it is not acme's
        SigningKey malloryKey = SigningKey.generate("acme", new SecureRandom());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path entry = temp.resolve("mallory.pub.json");
        Files.write(entry, PublisherEntries.toJson(new PublisherEntry("mallory", "Mallory", List.of("mallory", "acme"),
                List.of(new TrustedKey(malloryKey.publicKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
                        Optional.empty())))));
        ok("trust", "add", entry.toString(), "--yes");
        Path hers = temp.resolve("mallory-hello.wpk");
        BundleWriter.pack(plugin("acme", "hello").version("2.0.0").writeTo(temp.resolve("mallory-src")), hers, BundleLimits.defaults());
        BundleSigner.sign(hers, malloryKey, BundleLimits.defaults());

        refused(args("install", hers.toString(), "--yes"), "signed by publisher acme", "signed by publisher mallory",
                "its own publisher signed");

        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"");
    }

    @Test
    void aRotatedKeyOfTheSamePublisherStillUpdatesIt() throws Exception {
        ok("install", signedHello("1.0.0").toString(), "--yes");
        Publisher rotated = new Publisher(warden, temp.resolve("acme-2027"), "acme").trusted();

        ok("install", rotated.sign(plugin("acme", "hello").version("1.1.0"), "hello-rotated").toString(), "--yes");

        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.1.0\"");
    }

    @Test
    void anUpdateOfferedByASecondMarketplaceIsRefusedNamingBoth() throws Exception {
        ok("keys", "generate", "--publisher", "market", "--out", temp.resolve("market").toString());
        Path marketKey = temp.resolve("market/market.key");
        Path first = temp.resolve("first-site");
        Path second = temp.resolve("second-site");
        ok("repo", "init", first.toString(), "--key", marketKey.toString());
        ok("repo", "init", second.toString(), "--key", marketKey.toString());
        ok("publish", signedHello("1.0.0").toString(), "--repo", first.toString(), "--key", marketKey.toString());
        ok("publish", signedHello("1.1.0").toString(), "--repo", second.toString(), "--key", marketKey.toString());
        ok("marketplace", "add", "first", first.toString(), "--yes");
        ok("install", "acme/hello", "--yes");
        ok("marketplace", "add", "mirror", second.toString(), "--yes");
        ok("marketplace", "remove", "first");

        refused(args("install", "acme/hello", "--yes"), "from marketplace first", "from marketplace mirror",
                "marketplace it was installed from");

        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("marketplace:first");
    }

    @Test
    void anUnverifiedPluginIsNotUpdatedFromAMarketplaceReAddedUnderItsName() throws Exception {
        ok("marketplace", "add", "team", gitMarketplace("team-repo", "team", "hello", "1.0.0").toString(), "--yes");
        ok("install", "unverified-team/hello", "--yes", "--allow-unverified");
        ok("marketplace", "remove", "team");
        ok("marketplace", "add", "team", gitMarketplace("impostor-repo", "team", "hello", "2.0.0").toString(), "--yes");

        refused(args("update", "unverified-team/hello", "--yes", "--allow-unverified"), "added again", "marketplace team");
        refused(args("install", "unverified-team/hello", "--yes", "--allow-unverified"), "added again");

        assertThat(ok("info", "unverified-team/hello", "--json").out()).contains("\"version\" : \"1.0.0\"");
    }

    @Test
    void anUnverifiedFileOrAnotherMarketplaceCannotTakeAMarketplacesNamespace() throws Exception {
        Path claim = unsigned(plugin("unverified-team", "tool").version("1.0.0"), "claim");

        refused(args("install", claim.toString(), "--yes", "--allow-unverified"), "unverified-team/tool",
                "namespace of marketplace 'team'", "which did not offer it");
        assertThat(ok("list").out()).doesNotContain("unverified-team/tool");
    }

    @Test
    void anUnverifiedPluginIsNotReplacedByAFileThatClaimsItsId() throws Exception {
        ok("marketplace", "add", "team", gitMarketplace("team-repo", "team", "hello", "1.0.0").toString(), "--yes");
        ok("install", "unverified-team/hello", "--yes", "--allow-unverified");
        Path claim = unsigned(plugin("unverified-team", "hello").version("2.0.0"), "claim");

        refused(args("install", claim.toString(), "--yes", "--allow-unverified"), "namespace of marketplace 'team'", claim.toString());
    }

    @Test
    void aMarketplaceRenamedOnRefreshKeepsItsIdsAndCannotReachTheTrustedPublisher() throws Exception {
        ok("install", signedHello("1.0.0").toString(), "--yes");
        Path repo = gitMarketplace("team-repo", "team", "hello", "1.0.0");
        ok("marketplace", "add", "team", repo.toString(), "--yes");
        gitMarketplace("team-repo", "acme", "hello", "2.0.0");

        ok("marketplace", "update", "team");

        assertThat(ok("search", "hello").out()).contains("unverified-team/hello").doesNotContain("acme/hello 2.0.0");
        ok("install", "unverified-team/hello", "--yes", "--allow-unverified");
        assertThat(ok("info", "acme/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("\"verified\" : true");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tearn", "team1", "te-am", "teams", "t3am", "TEAM", "team.", "t\u0435am"})
    void aNameThatLooksLikeAnotherMarketplaceIsRefusedNamingIt(String name) throws Exception {
        ok("marketplace", "add", "team", gitMarketplace("team-repo", "team", "hello", "1.0.0").toString(), "--yes");

        refused(args("marketplace", "add", "--yes", "--", name, gitMarketplace("other-repo", "other", "hello", "2.0.0").toString()),
                "'team'", "a marketplace you added");
    }

    @Test
    void trustingAPublisherNamedLikeAMarketplaceIsFlagged() throws Exception {
        ok("marketplace", "add", "globex", gitMarketplace("globex-repo", "globex", "hello", "1.0.0").toString(), "--yes");
        Publisher globex = new Publisher(warden, temp.resolve("globex"), "globex");

        CliRunner.Result trusted = ok("trust", "add", globex.publicEntry().toString(), "--yes");

        assertThat(trusted.out()).contains("WARNING").contains("marketplace 'globex'").contains("unverified-globex/");
    }

    @Test
    void aSecondMarketplaceOfferingTheSamePluginNameGetsItsOwnIdAndNeverUpdatesTheFirst() throws Exception {
        ok("marketplace", "add", "team", gitMarketplace("team-repo", "team", "hello", "1.0.0").toString(), "--yes");
        ok("install", "unverified-team/hello", "--yes", "--allow-unverified");
        ok("marketplace", "add", "rival", gitMarketplace("rival-repo", "team", "hello", "9.0.0").toString(), "--yes");

        assertThat(ok("search", "hello").out()).contains("unverified-team/hello").contains("unverified-rival/hello");
        assertThat(ok("update", "--yes", "--allow-unverified").out()).contains("unverified-team/hello 1.0.0 is up to date");
        assertThat(ok("info", "unverified-team/hello", "--json").out()).contains("\"version\" : \"1.0.0\"").contains("marketplace:team");
    }

    @Test
    void aMarketplaceNameMustLeaveRoomForItsNamespace() throws Exception {
        Path repo = gitMarketplace("team-repo", "team", "hello", "1.0.0");
        String longest = "m".repeat(53);

        CliRunner.Result tooLong = warden.run("marketplace", "add", longest + "m", repo.toString(), "--yes");

        assertThat(tooLong.exitCode()).as(tooLong.all()).isNotZero();
        assertThat(tooLong.err()).contains("at most 53");
        ok("marketplace", "add", longest, repo.toString(), "--yes");
        assertThat(ok("search", "hello").out()).contains("unverified-" + longest + "/hello");
    }
}
