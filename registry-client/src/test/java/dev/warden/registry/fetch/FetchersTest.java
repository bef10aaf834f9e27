package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetchersTest {

    @Test
    void readsAnHttpUrlAsAFolderWithOrWithoutTheTrailingSlash() throws FetchException {
        assertThat(Fetchers.open("https://market.example/repo", TestSettings.quick()).location())
                .isEqualTo("https://market.example/repo/");
        assertThat(Fetchers.open("https://market.example/repo/", TestSettings.quick()).location())
                .isEqualTo("https://market.example/repo/");
        assertThat(Fetchers.open("https://market.example", TestSettings.quick()).location())
                .isEqualTo("https://market.example/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://market.example/repo", "git://market.example/repo.git", "ssh://git@host/repo",
            "javascript:alert(1)", "jar:file:/x.jar!/"})
    void refusesOtherSchemesWithAClearMessage(String location) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> Fetchers.open(location, TestSettings.quick()));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_PATH);
        assertThat(e.getMessage()).contains(location, "https://", "file:", "folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@market.example/repo", "https://market.example/repo?x=1",
            "https://market.example/repo#f", "https:///repo", "http://"})
    void refusesUnusableHttpUrls(String location) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> Fetchers.open(location, TestSettings.quick()));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_PATH);
        assertThat(e.getMessage()).doesNotContain("pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://market.example/repo", "http://127.0.0.1.evil.net/", "http://localhost.evil.net/",
            "HTTP://market.example/", "http://10.0.0.1/", "http://[::2]/"})
    void plainHttpToAnotherHostIsInsecure(String location) {
        assertThat(Fetchers.isInsecure(location)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://market.example/repo", "http://localhost:8080/repo", "http://127.0.0.1/",
            "http://127.1.2.3:9/", "http://[::1]:8080/", "http://LOCALHOST/", "/srv/repo", "file:///srv/repo"})
    void httpsLoopbackAndFoldersAreNotInsecure(String location) {
        assertThat(Fetchers.isInsecure(location)).isFalse();
    }
}
