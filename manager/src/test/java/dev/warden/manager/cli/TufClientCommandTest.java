package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code warden tuf-client} as the TUF conformance suite calls it: init, refresh and download against a
 * repository served over http, exit codes 0 and 1 only, metadata under non-versioned names.
 */
class TufClientCommandTest extends HomeFixture {

    Path site;
    Path marketKey;
    Path metadata;
    Path targets;
    Publisher acme;

    @BeforeEach
    void setUp() {
        site = temp.resolve("site");
        metadata = temp.resolve("client/metadata");
        targets = temp.resolve("client/targets");
        acme = new Publisher(warden, temp.resolve("acme"), "acme");
        assertThat(warden.run("keys", "generate", "--publisher", "market", "--out", temp.resolve("market").toString())
                .exitCode()).isZero();
        marketKey = temp.resolve("market/market.key");
        assertThat(warden.run("repo", "init", site.toString(), "--key", marketKey.toString()).exitCode()).isZero();
    }

    CliRunner.Result tuf(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "tuf-client";
        System.arraycopy(args, 0, all, 1, args.length);
        return warden.run(all);
    }

    CliRunner.Result init() {
        return tuf("--metadata-dir", metadata.toString(), "init", site.resolve("1.root.json").toString());
    }

    CliRunner.Result refresh(StaticServer server) {
        return tuf("--metadata-url", server.url(), "--metadata-dir", metadata.toString(), "refresh");
    }

    CliRunner.Result download(StaticServer server, String... names) {
        Stream.Builder<String> args = Stream.builder();
        args.add("--metadata-url").add(server.url()).add("--metadata-dir").add(metadata.toString());
        for (String name : names) {
            args.add("--target-name").add(name);
        }
        args.add("--target-dir").add(targets.toString()).add("--target-base-url").add(server.url() + "targets/")
                .add("download");
        return tuf(args.build().toArray(String[]::new));
    }

    void publish(String name, String version) throws Exception {
        Path bundle = acme.sign(plugin("acme", name).version(version).description("d").skill("s", "S", "Do s."),
                name + "-" + version);
        CliRunner.Result published = warden.run("publish", bundle.toString(), "--repo", site.toString(), "--key",
                marketKey.toString());
        assertThat(published.exitCode()).as(published.all()).isZero();
    }

    @Test
    void initThenRefreshStoresEveryRoleUnderItsNonVersionedName() throws Exception {
        publish("notes", "1.0.0");
        try (StaticServer server = StaticServer.serve(site)) {
            assertThat(init().exitCode()).isZero();

            CliRunner.Result refreshed = refresh(server);

            assertThat(refreshed.exitCode()).as(refreshed.all()).isZero();
        }
        try (Stream<Path> files = Files.list(metadata)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root.json",
                    "timestamp.json", "snapshot.json", "targets.json");
        }
    }

    @Test
    void downloadStoresEachVerifiedTargetAndDoesNotFetchItAgain() throws Exception {
        publish("notes", "1.0.0");
        publish("maps", "1.0.0");
        try (StaticServer server = StaticServer.serve(site)) {
            init();
            CliRunner.Result first = download(server, "acme/notes/acme-notes-1.0.0.wpk", "acme/maps/acme-maps-1.0.0.wpk");
            assertThat(first.exitCode()).as(first.all()).isZero();
            int before = server.requests();

            assertThat(download(server, "acme/notes/acme-notes-1.0.0.wpk").exitCode()).isZero();

            // the timestamp and the next root are asked for; the target is not fetched again
            assertThat(server.requests() - before).isEqualTo(2);
        }
        assertThat(targets.resolve("acme%2Fnotes%2Facme-notes-1.0.0.wpk")).exists();
        assertThat(targets.resolve("acme%2Fmaps%2Facme-maps-1.0.0.wpk")).exists();
    }

    @Test
    void aMissingTargetOrAFailedRefreshExitsWithOne() throws Exception {
        try (StaticServer server = StaticServer.serve(site)) {
            init();
            CliRunner.Result missing = download(server, "no/such/target");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("lists no target no/such/target");

            Files.writeString(site.resolve("timestamp.json"), "{}");
            assertThat(refresh(server).exitCode()).isEqualTo(1);
        }
    }

    @Test
    void aTamperedTargetExitsWithOneAndIsNotStored() throws Exception {
        publish("notes", "1.0.0");
        try (Stream<Path> stored = Files.walk(site.resolve("targets"))) {
            Path bundle = stored.filter(Files::isRegularFile).findFirst().orElseThrow();
            Files.write(bundle, new byte[] {1, 2, 3});
        }
        try (StaticServer server = StaticServer.serve(site)) {
            init();

            assertThat(download(server, "acme/notes/acme-notes-1.0.0.wpk").exitCode()).isEqualTo(1);
        }
        assertThat(targets).satisfiesAnyOf(t -> assertThat(t).doesNotExist(), t -> assertThat(t).isEmptyDirectory());
    }

    @Test
    void initRefusesSomethingThatIsNotASignedRootWithOne() throws Exception {
        Path bogus = temp.resolve("bogus.json");
        Files.writeString(bogus, "{\"signed\":{},\"signatures\":[]}");

        assertThat(tuf("--metadata-dir", metadata.toString(), "init", bogus.toString()).exitCode()).isEqualTo(1);
        assertThat(metadata.resolve("root.json")).doesNotExist();
    }

    @Test
    void refreshWithoutAnInitialisedFolderExitsWithOneAndAsksForNothing() throws Exception {
        try (StaticServer server = StaticServer.serve(site)) {
            assertThat(refresh(server).exitCode()).isEqualTo(1);
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void initOfAMissingRootFileSaysWhichFileIsMissing() {
        Path missing = temp.resolve("no-such-root.json");

        CliRunner.Result result = tuf("--metadata-dir", metadata.toString(), "init", missing.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(missing + ": no such file or folder");
        assertThat(metadata.resolve("root.json")).doesNotExist();
    }
}
