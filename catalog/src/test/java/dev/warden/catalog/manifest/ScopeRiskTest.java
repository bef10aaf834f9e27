package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.catalog.testing.CaseTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every risk rule of DESIGN §4, one table per kind in {@value #CASES} beside this test: kind, scope and the
 * expected risk level, one test a case.
 */
class ScopeRiskTest {

    private static final String CASES = "scope-risk-cases.tsv";

    @TestFactory
    Stream<DynamicContainer> ratesEveryScopeOfTheTableAtItsLevel() {
        return CaseTable.read(ScopeRiskTest.class, CASES, 3).entrySet().stream()
                .map(section -> dynamicContainer(section.getKey(), section.getValue().stream().map(ScopeRiskTest::rated)));
    }

    private static DynamicTest rated(List<String> row) {
        PermissionKind kind = PermissionKind.byId(row.get(0)).orElseThrow();
        String scope = row.get(1);
        int level = Integer.parseInt(row.get(2));
        return dynamicTest(kind.id() + " " + scope + " -> " + level,
                () -> assertThat(kind.riskOf(scope).level()).isEqualTo(level));
    }
}
