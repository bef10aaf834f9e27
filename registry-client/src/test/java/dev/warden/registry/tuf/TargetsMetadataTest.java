package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.registry.testing.SimulatedRepository;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Targets metadata read as it streams by: the same rules and messages as for a whole tree. */
class TargetsMetadataTest {

    private static final String HEADER = "\"_type\":\"targets\",\"spec_version\":\"1.0.31\",\"version\":3,"
            + "\"expires\":\"2030-01-01T00:00:00Z\"";
    private static final String LISTING = "{\"id\":\"acme/notes\",\"name\":\"notes\",\"version\":\"1.0.0\","
            + "\"publisher\":\"acme\",\"keywords\":[\"text\"],\"permissions\":[{\"kind\":\"net.egress\","
            + "\"scope\":\"api.example.com\",\"risk\":2}]}";
    private static final String GOOD = "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":{\"warden\":" + LISTING + "}}";

    /** A targets file (unsigned: parsing does not check signatures) whose {@code signed} holds {@code members}. */
    private static byte[] file(String members) {
        return ("{\"signed\":{" + members + "},\"signatures\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    private static TargetsMetadata parse(String members) throws TufException {
        return TargetsMetadata.parse(file(members), "3.targets.json");
    }

    private static String message(String members) {
        return refused(TufException.Kind.MALFORMED, () -> parse(members)).getMessage();
    }

    @Test
    void buildsEntriesSortedByPathWithListingsAndKeepsDelegations() throws Exception {
        TargetsMetadata targets = parse(HEADER + ",\"delegations\":{\"keys\":{},\"roles\":[]},\"targets\":{"
                + "\"b/b.wpk\":{\"length\":1,\"hashes\":{\"sha512\":\"cd\"}},\"a/a.wpk\":" + GOOD + "}");

        assertThat(targets.version()).isEqualTo(3);
        assertThat(targets.targets()).containsOnlyKeys("a/a.wpk", "b/b.wpk");
        assertThat(targets.targets().keySet()).containsExactly("a/a.wpk", "b/b.wpk");
        TargetEntry a = targets.targets().get("a/a.wpk");
        assertThat(a.length()).isEqualTo(5);
        assertThat(a.hashes()).isEqualTo(Map.of("sha256", "ab"));
        assertThat(a.listing().orElseThrow().permissions()).containsExactly(
                new TargetListing.ListedPermission("net.egress", "api.example.com", 2, false));
        assertThat(targets.targets().get("b/b.wpk").listing()).isEmpty();
        assertThat(targets.delegations().orElseThrow().roles()).isEmpty();
    }

    @Test
    void keepsNoTreeOfTheTargetsButCanParseItAgainWhole() throws Exception {
        TargetsMetadata targets = parse(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD + "}");

        assertThat(targets.envelope().signed().map().get("targets")).isEqualTo(Map.of());
        assertThat(JsonObject.of(targets.envelope().signedTree().get("targets"), "t", "targets").map()).containsOnlyKeys("a/a.wpk");
    }

    @Test
    void refusesADuplicateKeyInsideOneTarget() {
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},"
                + "\"length\":6}}")).contains("3.targets.json has the key \"length\" twice in one object");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":5,\"hashes\":{\"sha256\":\"ab\","
                + "\"sha256\":\"cd\"}}}")).contains("3.targets.json has the key \"sha256\" twice in one object");
    }

    @Test
    void refusesATargetPathListedTwice() {
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD + ",\"a/a.wpk\":" + GOOD + "}"))
                .contains("3.targets.json has the key \"a/a.wpk\" twice in one object");
    }

    @Test
    void refusesTargetsListedTwiceInSigned() {
        assertThat(message(HEADER + ",\"targets\":{},\"targets\":{\"a/a.wpk\":" + GOOD + "}"))
                .contains("has the key \"targets\" twice");
    }

    @Test
    void refusesFractionsAndExponentsInATarget() {
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":5.0,\"hashes\":{\"sha256\":\"ab\"}}}"))
                .contains("3.targets.json holds the number 5.0, but signed metadata holds whole numbers only");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":5e0,\"hashes\":{\"sha256\":\"ab\"}}}"))
                .contains("holds the number 5e0");
    }

    @Test
    void refusesDataAfterTheEnvelope() {
        byte[] trailing = (new String(file(HEADER + ",\"targets\":{}"), StandardCharsets.UTF_8) + " {}")
                .getBytes(StandardCharsets.UTF_8);

        TufException e = refused(TufException.Kind.MALFORMED, () -> TargetsMetadata.parse(trailing, "t.json"));

        assertThat(e.getMessage()).contains("t.json has data after the end of its JSON value");
    }

    @Test
    void namesTheFieldOfAnInvalidTarget() {
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":\"5\",\"hashes\":{\"sha256\":\"ab\"}}}"))
                .contains("3.targets.json: signed.targets.\"a/a.wpk\".length must be a whole number of at least 0,"
                        + " not \"5\"");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":-1,\"hashes\":{\"sha256\":\"ab\"}}}"))
                .contains("signed.targets.\"a/a.wpk\".length must be a whole number of at least 0, not -1");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":5,\"hashes\":{}}}"))
                .contains("signed.targets.\"a/a.wpk\".hashes must list at least one hash");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":{\"length\":5,\"hashes\":{\"sha256\":1}}}"))
                .contains("signed.targets.\"a/a.wpk\".hashes.sha256 must be a string");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":[]}"))
                .contains("signed.targets.\"a/a.wpk\" must be a JSON object");
        assertThat(message(HEADER + ",\"targets\":{\"\":" + GOOD + "}"))
                .contains("signed.targets.\"\" has an empty target path");
    }

    @Test
    void namesTheFieldOfAnInvalidListing() {
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD.replace("\"risk\":2", "\"risk\":5") + "}"))
                .contains("signed.targets.\"a/a.wpk\".custom.warden.permissions[0] has risk 5; risks go from 0 to 4");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD.replace("\"text\"", "7") + "}"))
                .contains("signed.targets.\"a/a.wpk\".custom.warden keywords must all be strings");
        assertThat(message(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD.replace("\"name\":\"notes\",", "") + "}"))
                .contains("signed.targets.\"a/a.wpk\".custom.warden.name is missing");
    }

    @Test
    void refusesAMissingTargetsObjectOrOneOfAnotherType() {
        assertThat(message(HEADER)).contains("signed.targets is missing");
        assertThat(message(HEADER + ",\"targets\":[]")).contains("signed.targets must be a JSON object");
    }

    @Test
    void checksTheHeaderBeforeTheTargetsAndTheJsonRulesBeforeEither() {
        String badTarget = "\"a/a.wpk\":{\"length\":-1,\"hashes\":{\"sha256\":\"ab\"}}";

        assertThat(message("\"targets\":{" + badTarget + "}," + HEADER.replace("\"targets\"", "\"snapshot\"")))
                .contains("signed is snapshot metadata where targets metadata belongs");
        assertThat(message(HEADER + ",\"targets\":{" + badTarget + ",\"b/b.wpk\":{\"length\":1.5}}"))
                .contains("holds the number 1.5");
        assertThat(message(HEADER + ",\"targets\":{" + badTarget + ",\"b/b.wpk\":[]}"))
                .contains("signed.targets.\"a/a.wpk\".length must be a whole number");
    }

    @Test
    void aCorrectlySignedTargetsFileInAnotherFormVerifiesThroughItsCanonicalForm() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.addTarget("acme/notes/acme-notes-1.0.0.wpk", "notes".getBytes(StandardCharsets.UTF_8), null);
        byte[] canonical = repo.publishTargets();
        RootMetadata root = TrustedMetadata.bootstrap(repo.initialRoot()).root();
        byte[] pretty = StrictJson.pretty(StrictJson.parse(canonical, "targets.json"));

        TargetsMetadata reformatted = TargetsMetadata.parse(pretty, "targets.json");

        assertThat(new String(pretty, StandardCharsets.UTF_8)).contains("\n  ");
        assertThat(new String(reformatted.envelope().signedAsReceived().orElseThrow(), StandardCharsets.UTF_8))
                .isNotEqualTo(new String(reformatted.envelope().canonicalSigned(), StandardCharsets.UTF_8));
        root.verify(reformatted.envelope(), Role.TARGETS);
        assertThat(reformatted.targets()).isEqualTo(TargetsMetadata.parse(canonical, "targets.json").targets());
    }

    @Test
    void aChangedTargetFailsWhetherTheFileIsCanonicalOrNot() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.addTarget("acme/notes/acme-notes-1.0.0.wpk", "notes".getBytes(StandardCharsets.UTF_8), null);
        String canonical = new String(repo.publishTargets(), StandardCharsets.UTF_8);
        RootMetadata root = TrustedMetadata.bootstrap(repo.initialRoot()).root();
        String changed = canonical.replace("\"length\":5", "\"length\":6");
        byte[] prettyChanged = StrictJson.pretty(StrictJson.parse(changed.getBytes(StandardCharsets.UTF_8), "t"));

        for (byte[] bytes : List.of(changed.getBytes(StandardCharsets.UTF_8), prettyChanged)) {
            TargetsMetadata parsed = TargetsMetadata.parse(bytes, "targets.json");
            assertThat(parsed.targets().get("acme/notes/acme-notes-1.0.0.wpk").length()).isEqualTo(6);
            refused(TufException.Kind.SIGNATURE, () -> root.verify(parsed.envelope(), Role.TARGETS));
        }
    }

    /**
     * Targets of every shape, odd and hostile ones included, each read as the parse streams it and, for comparison,
     * by the general checks on the whole file's tree: the same entries, or the same failure.
     */
    @Test
    void readsEveryTargetAsTheGeneralChecksOnTheTreeDo() throws Exception {
        String listing = LISTING.substring(0, LISTING.length() - 1);
        String deep = "[".repeat(600) + "]".repeat(600);
        List<String> variants = List.of(GOOD,
                "{\"x\":[1,{\"y\":null}],\"hashes\":{\"sha256\":\"ab\"},\"length\":5,\"custom\":{\"other\":{\"a\":1},"
                        + "\"warden\":" + listing + ",\"extra\":true,\"description\":\"n\\u00e9\"}}}",
                "{\"length\":\"5\",\"hashes\":{\"sha256\":\"ab\"}}", "{\"length\":-1,\"hashes\":{\"sha256\":\"ab\"}}",
                "{\"length\":99999999999999999999,\"hashes\":{\"sha256\":\"ab\"}}", "{\"length\":null,\"hashes\":{\"sha256\":\"ab\"}}",
                "{\"hashes\":{\"sha256\":\"ab\"}}", "{\"length\":1e3,\"hashes\":{\"sha256\":\"ab\"}}",
                "{\"length\":5,\"hashes\":{}}", "{\"length\":5,\"hashes\":[]}", "{\"length\":5,\"hashes\":{\"sha256\":1}}",
                "{\"length\":5,\"hashes\":{\"sha512\":\"cd\",\"sha256\":\"ab\"}}",
                "{\"length\":5,\"hashes\":{\"sha512\":\"cd\",\"sha256\":null}}", "{\"length\":5}",
                "{\"length\":5,\"hashes\":null}", "{\"length\":5,\"hashes\":{\"sha256\":\"ab\",\"sha256\":\"ab\"}}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":null}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":\"x\"}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":{}}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":{\"warden\":null}}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":{\"warden\":\"x\"}}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"custom\":{\"warden\":{}}}",
                "{\"length\":5,\"hashes\":{\"sha256\":\"ab\"},\"x\":" + deep + "}", "5", "[]", "null", "\"x\"");
        List<String[]> listingChanges = List.of(new String[] {"\"id\":\"acme/notes\"", "\"id\":5"},
                new String[] {"\"name\":\"notes\",", ""}, new String[] {"\"version\":\"1.0.0\"", "\"version\":null"},
                new String[] {"\"publisher\":\"acme\",", ""}, new String[] {"\"keywords\":[\"text\"]", "\"keywords\":null"},
                new String[] {"\"keywords\":[\"text\"]", "\"keywords\":\"text\""}, new String[] {"\"keywords\":[\"text\"]", "\"keywords\":[1]"},
                new String[] {"\"keywords\":[\"text\"]", "\"keywords\":[null]"}, new String[] {"\"keywords\":[\"text\"]", "\"keywords\":[]"},
                new String[] {"\"keywords\":[\"text\"]", "\"keywords\":[\"text\"],\"description\":null"},
                new String[] {"\"keywords\":[\"text\"]", "\"keywords\":[\"text\"],\"description\":3"},
                new String[] {"\"id\":\"acme/notes\"", "\"id\":\"acme/notes\",\"id\":\"acme/other\""},
                new String[] {"\"permissions\":[{", "\"permissions\":null,\"p\":[{"},
                new String[] {"\"permissions\":[{", "\"permissions\":{},\"p\":[{"},
                new String[] {"\"permissions\":[{", "\"permissions\":[1,{"}, new String[] {"\"risk\":2", "\"risk\":5"},
                new String[] {"\"risk\":2", "\"risk\":-1"}, new String[] {"\"risk\":2", "\"risk\":\"2\""},
                new String[] {"\"risk\":2", "\"risk\":2.0"}, new String[] {",\"risk\":2", ""},
                new String[] {"\"risk\":2", "\"risk\":2,\"optional\":null"}, new String[] {"\"risk\":2", "\"risk\":2,\"optional\":\"yes\""},
                new String[] {"\"risk\":2", "\"risk\":2,\"optional\":true,\"note\":[{}]"},
                new String[] {"\"kind\":\"net.egress\",", ""}, new String[] {"\"scope\":\"api.example.com\"", "\"scope\":3"},
                new String[] {"\"permissions\":[{", "\"permissions\":[{\"kind\":\"fs.read\",\"scope\":\"/x\",\"risk\":0},{"});
        List<String> targets = new java.util.ArrayList<>(variants);
        for (String[] change : listingChanges) {
            assertThat(GOOD).contains(change[0]);
            targets.add(GOOD.replace(change[0], change[1]));
        }
        for (String target : targets) {
            for (String members : List.of("\"a/a.wpk\":" + target + ",\"b/b.wpk\":" + GOOD,
                    "\"a/a.wpk\":" + GOOD + ",\"b/b.wpk\":" + target, "\"\":" + target)) {
                byte[] file = file(HEADER + ",\"targets\":{" + members + "}");
                assertThat(outcome(() -> TargetsMetadata.parse(file, "3.targets.json").targets()))
                        .as(members).isEqualTo(outcome(() -> generalChecks(file)));
            }
        }
    }

    @Test
    void readsAFileInAnotherEncodingAsTheGeneralChecksDo() throws Exception {
        byte[] utf16 = new String(file(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD + ",\"b/b.wpk\":"
                + GOOD.replace("\"risk\":2", "\"risk\":\"2\"") + "}"), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_16BE);

        assertThat(outcome(() -> TargetsMetadata.parse(utf16, "3.targets.json").targets()))
                .isEqualTo(outcome(() -> generalChecks(utf16))).asString().contains("risk");
    }

    @Test
    void keepsStringsThatRepeatAcrossTargetsOnce() throws Exception {
        Map<String, TargetEntry> targets = parse(HEADER + ",\"targets\":{\"a/a.wpk\":" + GOOD + ",\"b/b.wpk\":"
                + GOOD + "}").targets();

        TargetListing a = targets.get("a/a.wpk").listing().orElseThrow();
        TargetListing b = targets.get("b/b.wpk").listing().orElseThrow();
        assertThat(b.publisher()).isSameAs(a.publisher());
        assertThat(b.version()).isSameAs(a.version());
        assertThat(b.keywords().get(0)).isSameAs(a.keywords().get(0));
        assertThat(b.permissions().get(0).kind()).isSameAs(a.permissions().get(0).kind());
    }

    /** The targets as the general checks read them from the whole tree: each in order, the first failure thrown. */
    private static Map<String, TargetEntry> generalChecks(byte[] file) throws TufException {
        JsonObject signed = JsonObject.of(StrictJson.parse(file, "3.targets.json"), "3.targets.json", "the top level")
                .object("signed");
        Header.parse(signed, Role.TARGETS);
        JsonObject.Where where = JsonObject.Where.of("signed").member("targets");
        Map<String, TargetEntry> entries = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> target : signed.object("targets").map().entrySet()) {
            entries.put(target.getKey(), TargetsMetadata.parseTarget(target.getKey(),
                    JsonObject.of(target.getValue(), "3.targets.json", where.member(target.getKey()))));
        }
        return entries;
    }

    /** What a read gave: its targets, or the kind and message of its failure. */
    private static Object outcome(java.util.concurrent.Callable<Map<String, TargetEntry>> read) {
        try {
            return read.call();
        } catch (TufException e) {
            return e.kind() + ": " + e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
