package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one JSON-path notation. */
class JsonPathTest {

    @Test
    void writesIdentifiersWithADotAndIndexesInBrackets() {
        assertThat(JsonPath.child(JsonPath.index(JsonPath.child(JsonPath.ROOT, "permissions"), 1), "scope"))
                .isEqualTo("$.permissions[1].scope");
    }

    @Test
    void quotesOtherKeysAndEscapesQuoteBackslashLineAndUnsafeCharacters() {
        assertThat(JsonPath.child("$", "odd key")).isEqualTo("$['odd key']");
        assertThat(JsonPath.child("$", "acme/weather")).isEqualTo("$['acme/weather']");
        assertThat(JsonPath.child("$", "it's\\\n")).isEqualTo("$['it\\u0027s\\u005C\\u000A']");
        assertThat(JsonPath.child("$", "a\u202Eb")).isEqualTo("$['a\\u202Eb']");
        assertThat(JsonPath.child("$", "1st")).isEqualTo("$['1st']");
        assertThat(JsonPath.child("$", "")).isEqualTo("$['']");
    }

    @Test
    void aPathIsWithinItselfAndItsParentsButNotWithinASiblingThatSharesItsStart() {
        assertThat(JsonPath.isWithin("$.servers[2].name", "$.servers[2]")).isTrue();
        assertThat(JsonPath.isWithin("$.servers[2]", "$.servers[2]")).isTrue();
        assertThat(JsonPath.isWithin("$.servers[21]", "$.servers[2]")).isFalse();
        assertThat(JsonPath.isWithin("$.serversX", "$.servers")).isFalse();
    }
}
