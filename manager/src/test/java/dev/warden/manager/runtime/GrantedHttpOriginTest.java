package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Http;
import dev.warden.catalog.manifest.PermissionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Origin checks that refuse before any lookup or connection: URL tricks, wildcards, ports, schemes. */
class GrantedHttpOriginTest {

    private final GrantedHttpFixture fixture = new GrantedHttpFixture()
            .egress("https://api.example.com")
            .egress("https://*.svc.example.org");

    private void assertDenied(String url, String auditTarget) {
        GrantedHttp http = fixture.http();
        assertThatThrownBy(() -> http.send(Http.Request.get(url)))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.permission()).isEqualTo(PermissionKind.NET_EGRESS.id());
                    assertThat(e.target()).isEqualTo(auditTarget);
                });
        assertThat(fixture.audit.entries).hasSize(1);
        RecordingAudit.Entry entry = fixture.audit.entries.get(0);
        assertThat(entry.kind()).isEqualTo(PermissionKind.NET_EGRESS);
        assertThat(entry.allowed()).isFalse();
        assertThat(entry.target()).isEqualTo(auditTarget);
        assertThat(fixture.dns.lookups("api.example.com")).isZero();
    }

    @Test
    void refusesGrantedNameFollowedByAnotherDomain() {
        assertDenied("https://api.example.com.evil.net/x", "https://api.example.com.evil.net:443/x");
    }

    @Test
    void refusesGrantedNameAsUserInformationBeforeAnotherHost() {
        assertDenied("https://api.example.com@evil.net/", "https://evil.net");
    }

    @Test
    void keepsPasswordsInUserInformationOutOfTheAuditLog() {
        assertDenied("https://me:hunter2@api.example.com/", "https://api.example.com");
        assertThat(fixture.audit.entries.get(0).toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesFragmentTricks() {
        assertDenied("https://api.example.com#@evil.net", "https://api.example.com");
    }

    @Test
    void refusesBackslashAndPercentEncodedHosts() {
        assertDenied("https://evil.net\\@api.example.com/", "(invalid URL)");
    }

    @Test
    void refusesPercentEncodedHost() {
        assertDenied("https://api%2eexample.com/", "https://?");
    }

    @Test
    void refusesSchemesOtherThanHttpAndHttps() {
        assertDenied("ftp://api.example.com/", "ftp://api.example.com");
    }

    @Test
    void refusesHttpWhenOnlyHttpsIsGranted() {
        assertDenied("http://api.example.com/", "http://api.example.com:80/");
    }

    @Test
    void refusesAnotherPort() {
        assertDenied("https://api.example.com:8443/", "https://api.example.com:8443/");
    }

    @Test
    void wildcardDoesNotCoverTheDomainItself() {
        assertDenied("https://svc.example.org/", "https://svc.example.org:443/");
    }

    @Test
    void wildcardDoesNotCoverNamesThatOnlyEndTheSame() {
        assertDenied("https://evilsvc.example.org/", "https://evilsvc.example.org:443/");
    }

    @Test
    void exactGrantDoesNotCoverLookalikeWithoutDot() {
        assertDenied("https://evilapi.example.com/", "https://evilapi.example.com:443/");
    }

    @Test
    void exactGrantDoesNotCoverItsParentDomain() {
        assertDenied("https://example.com/", "https://example.com:443/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/", "https://127.1/",
            "https://0x7f000001/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[0:0:0:0:0:ffff:7f00:1]/"})
    void readsEveryNotationOfLoopbackAsAnAddressThatNoNameGrantCovers(String url) {
        GrantedHttp http = fixture.http();
        assertThatThrownBy(() -> http.send(Http.Request.get(url))).isInstanceOf(PermissionDeniedException.class);
        String target = fixture.audit.entries.get(0).target();
        assertThat(target).isIn("https://127.0.0.1:443/", "https://[0:0:0:0:0:0:0:1]:443/");
    }

    @Test
    void refusesIpv4NotationsThatAreNotAddresses() {
        assertDenied("https://1.2.3.999/", "https://?");
    }

    @Test
    void refusesIpv6ZoneIdentifiers() {
        assertDenied("https://[fe80::1%25eth0]/", "https://[fe80::1%25eth0]");
    }

    @Test
    void canonicalisesCaseTrailingDotAndIdnBeforeMatching() throws Exception {
        GrantedHttpFixture idn = new GrantedHttpFixture().egress("https://xn--bcher-kva.example");
        // refused later, at the lookup, which shows the origin matched and the name was converted
        assertThatThrownBy(() -> idn.http().send(Http.Request.get("https://BÜCHER.example./a?q=1")))
                .hasMessageContaining("unknown host xn--bcher-kva.example");
        assertThat(idn.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("https://xn--bcher-kva.example:443/a");
            assertThat(e.detail()).isEqualTo("unknown host");
        });
    }

    @Test
    void refusesNamesThatAreNotValidHostNames() {
        assertDenied("https://api_x.example.com/", "https://?");
    }
}
