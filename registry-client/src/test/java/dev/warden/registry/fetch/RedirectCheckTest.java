package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectCheckTest {

    private static final URI FROM = URI.create("https://market.example/repo/root.json");

    @Test
    void followsARelativeRedirectOnTheSameOrigin() throws FetchException {
        assertThat(RedirectCheck.target(FROM, Optional.of("../mirror/root.json")))
                .isEqualTo(URI.create("https://market.example/mirror/root.json"));
    }

    @Test
    void treatsTheDefaultPortAsTheSameOrigin() throws FetchException {
        assertThat(RedirectCheck.target(FROM, Optional.of("HTTPS://Market.Example:443/x#frag")))
                .isEqualTo(URI.create("HTTPS://Market.Example:443/x"));
    }

    @Test
    void refusesARedirectFromHttpsToHttp() {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> RedirectCheck.target(FROM, Optional.of("http://market.example/repo/root.json")));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT_REFUSED);
        assertThat(e.getMessage()).contains(FROM.toString(), "http://market.example/repo/root.json", "from https to http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/root.json", "https://market.example.evil.net/root.json",
            "https://market.example:8443/root.json", "//evil.example/root.json", "https://market.example@evil.net/x",
            "ftp://market.example/root.json"})
    void refusesARedirectToAnotherOrigin(String location) {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> RedirectCheck.target(FROM, Optional.of(location)));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT_REFUSED);
        assertThat(e.getMessage()).startsWith(FROM + ": refused a redirect");
    }

    @Test
    void refusesAUserNameOnTheSameHost() {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> RedirectCheck.target(FROM, Optional.of("https://someone@market.example/x")));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.REDIRECT_REFUSED);
    }

    @Test
    void reportsARedirectWithoutLocationAsABadResponse() {
        FetchException e = catchThrowableOfType(FetchException.class, () -> RedirectCheck.target(FROM, Optional.empty()));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_RESPONSE);
    }

    @Test
    void reportsAnUnreadableLocationAsABadResponse() {
        FetchException e = catchThrowableOfType(FetchException.class,
                () -> RedirectCheck.target(FROM, Optional.of("http://exa mple/\u001b")));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).doesNotContain("\u001b");
    }
}
