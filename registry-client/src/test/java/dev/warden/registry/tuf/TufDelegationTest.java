package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.io.Digests;
import dev.warden.registry.testing.SimulatedRepository;
import dev.warden.registry.testing.SimulatedRepository.Delegated;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delegated targets roles as the public TUF conformance suite exercises them: the order a search
 * visits roles, terminating roles, path patterns, cycles, thresholds, hash bins and odd role names.
 */
class TufDelegationTest {

    private static final Pattern VERSIONED = Pattern.compile("(\\d+)\\.(.+)\\.json");
    private static final List<String> TOP_LEVEL = List.of("root", "timestamp", "snapshot", "targets");

    private final SimulatedRepository repo = SimulatedRepository.create();
    private MetadataDirectory dir;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        dir = repo.trustingDirectory(tmp.resolve("metadata"));
    }


    /** Refreshes from the folder, then searches; returns the entry found. */
    private Optional<TargetEntry> find(String path) throws Exception {
        TufClient client = repo.client();
        TrustedMetadata trusted = client.refresh(dir);
        return client.findTarget(dir, trusted, path).target();
    }

    /** Delegates every path to role A, needing two signatures, changed by {@code signing}; publishes "file" in A. */
    private void publishFileUnderAWithThresholdTwo(Consumer<Delegated> signing) {
        Delegated a = repo.delegate("targets", "A", false, "*");
        a.threshold = 2;
        signing.accept(a);
        repo.addTarget("A", "file", bytes("content"));
        repo.publish();
    }

    /** Looking up {@code file} fails with {@code kind}, in a message that holds every one of {@code parts}. */
    private void assertFindingFileRefused(TufException.Kind kind, String... parts) {
        TufException e = refused(kind, () -> find("file"));

        assertThat(e.getMessage()).contains(parts);
    }

    /** The delegated role files fetched, in order, by role name. */
    private List<String> delegatedFetches() {
        return repo.fetcher.requestedPaths().stream().map(VERSIONED::matcher).filter(Matcher::matches)
                .map(m -> m.group(2)).filter(name -> !TOP_LEVEL.contains(name)).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {delegator, role} pairs, then the roles a search for a missing path must fetch, in order. */
    static Stream<Arguments> graphs() {
        return Stream.of(
                Arguments.of("basic", List.of("targets:A"), List.of("A")),
                Arguments.of("single level", List.of("targets:A", "targets:B"), List.of("A", "B")),
                Arguments.of("two levels", List.of("targets:A", "targets:B", "B:C"), List.of("A", "B", "C")),
                Arguments.of("depth first", List.of("targets:A", "targets:B", "A:C", "A:D"), List.of("A", "C", "D", "B")),
                Arguments.of("three levels depth first", List.of("targets:A", "targets:B", "A:C", "C:D"),
                        List.of("A", "C", "D", "B")),
                Arguments.of("terminating ends other branches", List.of("targets:A", "targets:B", "A:C!", "A:D"),
                        List.of("A", "C")),
                Arguments.of("terminating keeps its own children", List.of("targets:A", "targets:B", "A:C!", "C:D"),
                        List.of("A", "C", "D")),
                Arguments.of("a branch whose paths do not match is skipped",
                        List.of("targets:A=*.py", "targets:B", "A:C"), List.of("B")),
                Arguments.of("a deeper branch whose paths do not match is skipped",
                        List.of("targets:A", "targets:B", "A:C=*.py", "C:D"), List.of("A", "B")),
                Arguments.of("cycle", List.of("targets:A", "targets:B", "B:C", "C:D", "D:B"), List.of("A", "B", "C", "D")),
                Arguments.of("two roles delegate to a third", List.of("targets:A", "targets:B", "B:C", "A:C"),
                        List.of("A", "C", "B")),
                Arguments.of("the third reached through the matching delegator",
                        List.of("targets:A", "targets:B", "B:C", "A:C=*.py"), List.of("A", "B", "C")));
    }

    private void build(List<String> delegations) {
        for (String spec : delegations) {
            String[] parts = spec.split("[:=]");
            String paths = spec.contains("=") ? parts[2] : "*";
            repo.delegate(parts[0], parts[1].replace("!", ""), parts[1].endsWith("!"), paths);
        }
        repo.targetsVersion = 2;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publish();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void aSearchVisitsRolesInPreOrderDepthFirst(String name, List<String> delegations, List<String> visited)
            throws Exception {
        build(delegations);

        assertThat(find("missingpath")).isEmpty();

        assertThat(delegatedFetches()).containsExactlyElementsOf(visited);
    }

    /** Targets delegates *.doc and *.md to A and releases/any/any to B; B delegates x releases to C, y zips to D. */
    private void buildTree() {
        repo.addTarget("targetfile", bytes("targetfile content"), null);
        repo.delegate("targets", "A", false, "*.doc", "*.md");
        repo.delegate("targets", "B", false, "releases/*/*");
        repo.delegate("B", "C", false, "releases/x/*");
        repo.delegate("B", "D", false, "releases/y/*.zip");
        repo.addTarget("A", "README.md", bytes("README by A"));
        repo.addTarget("C", "releases/x/x_v1", bytes("x release by C"));
        repo.addTarget("D", "releases/y/y_v1.zip", bytes("y release by D"));
        repo.addTarget("D", "releases/z/z_v1.zip", bytes("z release by D"));
        repo.targetsVersion = 2;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publish();
    }

    @ParameterizedTest
    @ValueSource(strings = {"targetfile=", "README.md=A", "releases/x/x_v1=B,C", "releases/y/y_v1.zip=B,D"})
    void findsATargetThroughTheRolesThatCoverItsPathAndFetchesOnlyThose(String testCase) throws Exception {
        buildTree();
        String path = testCase.substring(0, testCase.indexOf('='));
        String visited = testCase.substring(testCase.indexOf('=') + 1);

        TufClient client = repo.client();
        TargetSearchResult result = client.findTarget(dir, client.refresh(dir), path);

        assertThat(result.target()).isPresent();
        assertThat(delegatedFetches()).containsExactlyElementsOf(visited.isEmpty() ? List.of() : List.of(visited.split(",")));
        Path out = tmp.resolve("out");
        client.downloadTarget(result.metadata(), result.target().get(), out, dev.warden.registry.fetch.Progress.none());
        assertThat(Files.size(out)).isEqualTo(result.target().get().length());
    }

    @Test
    void aTargetListedByARoleNotDelegatedItsPathIsNotFound() throws Exception {
        buildTree();

        assertThat(find("releases/z/z_v1.zip")).isEmpty();
        assertThat(delegatedFetches()).containsExactly("B");
    }

    @Test
    void refusesADelegatedRoleBelowItsThreshold() throws Exception {
        publishFileUnderAWithThresholdTwo(a -> a.keys.add(repo.newKey())); // listed, but it does not sign

        assertFindingFileRefused(TufException.Kind.SIGNATURE,
                "1.A.json has 1 valid signature by the A keys", "2 are required");
    }

    @Test
    void aDelegatedRoleSignedTwiceByOneKeyIsRefused() throws Exception {
        publishFileUnderAWithThresholdTwo(a -> a.signers.add(a.signers.get(0)));

        assertFindingFileRefused(TufException.Kind.MALFORMED,
                "1.A.json: signatures[1].keyid", "is listed twice in signatures");
    }

    @Test
    void refusesADelegatedRoleOfAnotherVersionThanTheSnapshotLists() throws Exception {
        repo.delegate("targets", "A", false, "*");
        repo.publish();
        repo.delegated("A").version = 2;
        repo.publishDelegated("A");
        repo.fetcher.put("1.A.json", repo.fetcher.get("2.A.json").orElseThrow());
        repo.delegated("A").version = 1; // the snapshot goes on listing version 1
        repo.listLengthsAndHashes = false;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publishSnapshot();
        repo.publishTimestamp();

        assertFindingFileRefused(TufException.Kind.MISMATCH, "1.A.json is version 2", "lists version 1");
    }

    @Test
    void refusesADelegatedRoleWhoseHashIsNotTheListedOne() throws Exception {
        repo.delegate("targets", "A", false, "*");
        repo.publish();
        repo.delegated("A").expires = repo.delegated("A").expires.plusSeconds(1);
        repo.publishDelegated("A"); // same version, other bytes, the snapshot unchanged

        assertFindingFileRefused(TufException.Kind.MISMATCH, "1.A.json", "sha256");
    }

    @Test
    void refusesAnExpiredDelegatedRole() throws Exception {
        repo.delegate("targets", "A", false, "*").expires = SimulatedRepository.NOW.minus(Duration.ofDays(1));
        repo.publish();

        assertFindingFileRefused(TufException.Kind.EXPIRED, "1.A.json version 1 expired");
    }

    @Test
    void refusesADelegatedRoleTheSnapshotDoesNotList() throws Exception {
        repo.delegate("targets", "A", false, "*");
        repo.publishTargets(); // targets delegates to A, but A was never published nor listed
        repo.publishSnapshot();
        repo.publishTimestamp();

        assertFindingFileRefused(TufException.Kind.MISMATCH, "does not list A.json");
    }

    @Test
    void aSearchStopsAfterTheMaximumNumberOfRoles() throws Exception {
        String delegator = "targets";
        for (int i = 0; i < TufLimits.DEFAULT_MAX_DELEGATIONS_PER_SEARCH + 3; i++) {
            repo.delegate(delegator, "r" + i, false, "*");
            delegator = "r" + i;
        }
        repo.addTarget(delegator, "deep", bytes("deep"));
        repo.publish();

        assertThat(find("deep")).isEmpty();
        assertThat(delegatedFetches()).hasSize(TufLimits.DEFAULT_MAX_DELEGATIONS_PER_SEARCH - 1);
    }

    @Test
    void rolesDelegatedByHashPrefixCoverOnlyPathsWhoseHashStartsSo() throws Exception {
        String hash = Digests.sha256Hex(bytes("file"));
        repo.delegateByHashPrefix("targets", "other", hash.charAt(0) == '0' ? "f" : "0");
        repo.delegateByHashPrefix("targets", "match", hash.substring(0, 2));
        repo.addTarget("match", "file", bytes("content"));
        repo.publish();

        assertThat(find("file")).isPresent();
        assertThat(delegatedFetches()).containsExactly("match");
    }

    @Test
    void aSuccinctHashBinHoldsTheTargetsWhoseHashFallsInIt() throws Exception {
        repo.delegateToBins(5, "bin", repo.newKey());
        int bin = Integer.parseInt(Digests.sha256Hex(bytes("file")).substring(0, 2), 16) >> 3;
        String name = String.format("bin-%02x", bin);
        repo.binRole(name);
        repo.addTarget(name, "file", bytes("content"));
        repo.publish();

        assertThat(find("file")).isPresent();
        assertThat(delegatedFetches()).containsExactly(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?", "#", "/delegatedrole", "../delegatedrole", "a b", "ünï"})
    void anUnusualRoleNameIsFetchedAndStoredPercentEncodedInsideTheFolder(String role) throws Exception {
        repo.delegate("targets", role, false, "*");
        repo.publish();

        assertThat(find("nonexistent target")).isEmpty();

        String quoted = SimulatedRepository.quote(role);
        assertThat(repo.fetcher.requestedPaths()).contains("1." + quoted + ".json");
        try (Stream<Path> files = Files.list(dir.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("root.json", "timestamp.json", "snapshot.json", "targets.json", quoted + ".json");
        }
    }

    @Test
    void aStoredDelegatedRoleStillCurrentIsNotFetchedAgain() throws Exception {
        repo.delegate("targets", "A", false, "*");
        repo.addTarget("A", "file", bytes("content"));
        repo.publish();
        assertThat(find("file")).isPresent();
        repo.fetcher.clearRequests();

        assertThat(find("file")).isPresent();

        assertThat(delegatedFetches()).isEmpty();
    }

    @Test
    void aMarketplaceRefreshListsEveryDelegatedTargetButNoneOutsideItsRolesPaths() throws Exception {
        repo.delegate("targets", "acme", false, "acme/*/*");
        repo.delegate("targets", "globex", false, "globex/*/*");
        repo.addTarget("acme", "acme/notes/acme-notes-1.0.0.wpk", bytes("notes"));
        repo.addTarget("globex", "globex/maps/globex-maps-1.0.0.wpk", bytes("maps"));
        repo.addTarget("globex", "acme/evil/acme-evil-1.0.0.wpk", bytes("evil"));
        repo.publish();

        TrustedMetadata trusted = repo.client().refresh(TrustedMetadata.bootstrap(repo.initialRoot())).metadata();

        assertThat(trusted.targets()).containsOnlyKeys("acme/notes/acme-notes-1.0.0.wpk",
                "globex/maps/globex-maps-1.0.0.wpk");
        Path saved = tmp.resolve("saved");
        trusted.save(saved);
        assertThat(TrustedMetadata.load(saved).targets()).isEqualTo(trusted.targets());
        repo.fetcher.clearRequests();
        assertThat(repo.client().refresh(TrustedMetadata.load(saved)).changed()).isFalse();
        assertThat(delegatedFetches()).isEmpty();
    }
}
