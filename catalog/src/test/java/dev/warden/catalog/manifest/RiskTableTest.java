package dev.warden.catalog.manifest;

import dev.warden.catalog.testing.CaseTable;
import dev.warden.io.UnsafeCharacters;
import static dev.warden.catalog.manifest.PermissionKind.FS_READ;
import static dev.warden.catalog.manifest.PermissionKind.FS_WRITE;
import static dev.warden.catalog.manifest.PermissionKind.PROCESS_EXEC;
import static dev.warden.catalog.manifest.Risk.CRITICAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rows of {@code risk-rules.tsv}, each with a case written by hand in {@value #CASES} beside this
 * test (a scope and the row that must decide it), and the near misses that must not match a row. Other
 * tests check that no row of the table is without a case, so a new row needs a new case.
 */
class RiskTableTest {

    /** One scope, its expected risk, and the pattern of the row that must decide it. */
    record Case(PermissionKind kind, String scope, Risk risk, String row) {
    }

    /** The hand-written cases, one section a test, in the tab-separated form of the table itself. */
    private static final String CASES = "risk-table-cases.tsv";

    /** One test a section of {@link #CASES}, named by what its cases show: each scope is decided by its row. */
    @TestFactory
    Stream<DynamicTest> everyCaseIsRatedByTheRowWrittenForIt() {
        return readCases().entrySet().stream().map(section -> dynamicTest(section.getKey(), () -> check(section.getValue())));
    }

    @Test
    void aScopeIsAtLeastAsRiskyAsEveryPlaceItContains() {
        SoftAssertions soft = new SoftAssertions();
        // the whole of each root, written in each way a manifest may write it
        for (String scope : List.of("${workspace}", "${workspace}/**", "${workspace}/*", "${workspace}/*/**")) {
            soft.assertThat(PermissionKind.FS_WRITE.riskOf(scope)).as("fs.write " + scope).isEqualTo(CRITICAL);
        }
        for (String scope : List.of("${home}", "${home}/**", "${home}/*", "${home}/.*", "${home}/.config/**",
                "${home}/.local/**", "${home}/Library/**", "${home}/.cargo/**", "/", "/etc/**", "/usr/**", "/var/**")) {
            soft.assertThat(PermissionKind.FS_READ.riskOf(scope)).as("fs.read " + scope).isEqualTo(CRITICAL);
            soft.assertThat(PermissionKind.FS_WRITE.riskOf(scope)).as("fs.write " + scope).isEqualTo(CRITICAL);
        }
        soft.assertAll();
    }

    @Test
    void everyRowOfTheTableHasACaseHere() {
        List<Case> cases = allCases();
        List<String> missing = new ArrayList<>();
        for (RiskTable.Rule rule : RiskTable.standard().rules()) {
            boolean covered = cases.stream().anyMatch(c -> rule.kinds().contains(c.kind()) && c.row().equals(rule.pattern()));
            if (!covered) {
                missing.add("line " + rule.line() + ": " + rule.kinds() + " " + rule.pattern());
            }
        }
        assertThat(missing).as("rows of %s without a case in this test", RiskTable.RESOURCE).isEmpty();
    }

    @Test
    void noRowIsWrittenTwiceForTheSameKind() {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (RiskTable.Rule rule : RiskTable.standard().rules()) {
            for (PermissionKind kind : rule.kinds()) {
                if (!seen.add(kind.id() + " " + rule.pattern())) {
                    twice.add("line " + rule.line() + ": " + kind.id() + " " + rule.pattern());
                }
            }
        }
        assertThat(twice).isEmpty();
    }

    @Test
    void theReviewReasonIsTheDecidingRowsReason() {
        Permission hooks = Permission.of(FS_WRITE, "${workspace}/**", "format the code");
        assertThat(hooks.risk()).isEqualTo(CRITICAL);
        assertThat(hooks.riskReason()).startsWith(".git/hooks: ").contains("runs as a program");
        assertThat(Permission.of(PROCESS_EXEC, "/usr/bin/python3", "run scripts").riskReason())
                .isEqualTo("python runs any code it is given: the same as running any program");
        assertThat(Permission.of(FS_READ, "${home}/.zsh_history", "suggest commands").riskReason())
                .startsWith(".zsh_history: every command you typed");
    }

    @Test
    void everySecretReadRowIsASecretLocationThatWildcardsNeverReach() {
        assertThat(PermissionKind.mayNameSecretLocation(".bash_history")).isTrue();
        assertThat(PermissionKind.mayNameSecretLocation(".python_history")).isTrue();
        assertThat(PermissionKind.mayNameSecretLocation(".pgpass")).isTrue();
        // places that only writing makes dangerous stay reachable by wildcards: ~/bin is not a secret
        assertThat(PermissionKind.mayNameSecretLocation("bin")).isFalse();
        assertThat(PermissionKind.mayNameSecretLocation("go")).isFalse();
    }

    @Test
    void aMalformedTableNamesTheLineAndWhatIsWrong() {
        assertThatThrownBy(() -> RiskTable.parse("# a comment\n\nfs.read\t${home}\tCRITICAL\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 3").hasMessageContaining("3 columns");
        assertThatThrownBy(() -> RiskTable.parse("fs.reed\t${home}\tCRITICAL\twhy\n"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown kind 'fs.reed'");
        assertThatThrownBy(() -> RiskTable.parse("fs.read\t${home}\tSEVERE\twhy\n"))
                .hasMessageContaining("unknown risk 'SEVERE'");
        assertThatThrownBy(() -> RiskTable.parse("fs.read\t${home}\tHIGH\t \n"))
                .hasMessageContaining("has no reason");
        assertThatThrownBy(() -> RiskTable.parse("fs.read\t~/.ssh\tHIGH\twhy\n"))
                .hasMessageContaining("file pattern '~/.ssh'");
        assertThatThrownBy(() -> RiskTable.parse("fs.read,env.read\tX\tHIGH\twhy\n"))
                .hasMessageContaining("mixes kinds");
        assertThatThrownBy(() -> RiskTable.parse("net.egress\t*.Example.com\tHIGH\twhy\n"))
                .hasMessageContaining("line 1").hasMessageContaining("host pattern");
    }

    @Test
    void everyReasonIsPlainTextThatReachesTheTerminalAsWritten() {
        // the table is not checked for controls when Warden reads it (that would cost every command's start)
        for (RiskTable.Rule rule : RiskTable.standard().rules()) {
            assertThat(UnsafeCharacters.firstUnsafe(rule.reason(), "\n\t")).as("line %d", rule.line()).isEmpty();
            assertThat(rule.reason()).as("line %d", rule.line()).isEqualTo(rule.reason().strip()).doesNotContain("\t");
        }
    }

    @Test
    void aTableWithoutARowForAScopeSaysSoInsteadOfGuessing() {
        RiskTable table = RiskTable.parse("fs.read\t**/.ssh\tCRITICAL\tkeys\n");
        assertThatThrownBy(() -> table.rate(FS_READ, new RiskPattern.FileSubject(FsScope.parse("${workspace}/docs"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no row");
    }

    private static List<Case> allCases() {
        return readCases().values().stream().flatMap(List::stream).toList();
    }

    private static void check(List<Case> cases) {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            RiskTable.Rating rating = Scopes.rate(c.kind(), c.scope());
            soft.assertThat(rating.risk()).as("risk of %s %s", c.kind(), c.scope()).isEqualTo(c.risk());
            soft.assertThat(rating.rule().pattern()).as("row deciding %s %s", c.kind(), c.scope()).isEqualTo(c.row());
        }
        soft.assertAll();
    }

    /** The sections of {@link #CASES}, each a list of cases. */
    private static Map<String, List<Case>> readCases() {
        Map<String, List<Case>> sections = new LinkedHashMap<>();
        CaseTable.read(RiskTableTest.class, CASES, 4).forEach((section, rows) -> sections.put(section, rows.stream()
                .map(r -> new Case(PermissionKind.byId(r.get(0)).orElseThrow(), r.get(1), Risk.valueOf(r.get(2)), r.get(3)))
                .toList()));
        return sections;
    }
}
