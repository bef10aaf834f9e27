package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetchPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "..", "../x", "a/../../x", "a/..", "./a", "a/./b", "a//b", "a/",
            "a\\b", "..\\x", "C:\\x", "C:x", "\\\\server\\x", "http://evil/x", "file:/etc/passwd",
            "a/%2e%2e/b", "%2e%2e/x", "..%2Fx", "a%2F%2Fb", "a%252e", "a%2", "a%zz", "a?b", "a#b", "a\u0000b", "a\nb", "a\u001b[31mb", "...",
            ". .", ".. "})
    void refusesPathsThatCouldLeaveTheLocation(String path) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> FetchPaths.check("https://h/r/", path));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_PATH);
        assertThat(e.getMessage()).startsWith("https://h/r/: refused the path").doesNotContain("\u001b", "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root.json", "1.root.json", "targets/acme-foo-1.0.0.wpk", "a b/c.json", "ünïcode.json",
            "x..y", ".hidden", "1.a%2Fb.json", "1...%2Fdelegatedrole.json", "%3F.json"})
    void acceptsRelativePathsInsideTheLocation(String path) throws FetchException {
        assertThat(FetchPaths.check("https://h/r/", path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0.1/servers?limit=100", "v0.1/servers?cursor=a%2Fb%3D&limit=100",
            "v0.1/servers?updated_since=2026-01-01T00%3A00%3A00Z"})
    void anApiPathMayCarryAnEncodedQuery(String path) throws FetchException {
        assertThat(FetchPaths.checkWithQuery("https://h/r/", path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../servers?limit=1", "servers?a=b#c", "servers?a=/etc", "servers?a=%2", "servers?a=%zz",
            "servers?a=\u001b"})
    void aQueryDoesNotLetAnythingElseThrough(String path) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> FetchPaths.checkWithQuery("https://h/r/", path));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_PATH);
    }
}
