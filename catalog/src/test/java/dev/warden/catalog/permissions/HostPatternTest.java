package dev.warden.catalog.permissions;

import static dev.warden.catalog.permissions.Perms.p;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

    @ParameterizedTest(name = "{0} and {1} may be the same host -> {2}")
    @CsvSource(delimiter = '|', value = {
            "evil.net              | evil.net                | true",
            "*.evil.net            | a.evil.net              | true",
            "*.evil.net            | a.b.evil.net            | true",
            "*.evil.net            | evil.net                | false",
            "*.evil.net            | notevil.net             | false",
            "*.evil.net            | *.a.evil.net            | true",
            "*.a.evil.net          | *.evil.net              | true",
            "*.evil.net            | *.good.net              | false",
            "*                     | 10.0.0.1                | true",
            "*                     | evil.net                | true",
            "169.254.169.254       | 169.254.169.254         | true",
            "169.254.169.254       | 2852039166              | true",
            "169.254.169.254       | 0xa9.0xfe.0xa9.0xfe     | true",
            "169.254.169.254       | 0251.0376.0251.0376     | true",
            "169.254.169.254       | 169.254.43518           | true",
            "169.254.169.254       | [::ffff:169.254.169.254] | true",
            "169.254.169.254       | 169.254.169.253         | false",
            "169.254.169.254       | metadata.internal       | false",
            "[::1]                 | [0:0:0:0:0:0:0:1]       | true",
            "[::1]                 | 127.0.0.1               | false",
            "127.0.0.1             | 999.1.1.1               | true",
    })
    void decidesWhetherTwoHostsMayBeTheSameInEitherOrder(String a, String b, boolean expected) {
        assertThat(HostPattern.parse(a).mayMatchSameHost(HostPattern.parse(b))).isEqualTo(expected);
        assertThat(HostPattern.parse(b).mayMatchSameHost(HostPattern.parse(a))).isEqualTo(expected);
    }

    @Test
    void acceptsABareIpv6AddressAsAnAdminWritesIt() {
        assertThat(HostPattern.parse("::1")).isEqualTo(new HostPattern("[::1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Evil.net", "evil.net:443", "https://evil.net", "evil.net/x", "a.*.net", "[::1]:80",
            "user@evil.net", "evil..net"})
    void refusesTextThatIsNotAHost(String text) {
        assertThatThrownBy(() -> HostPattern.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsTheHostOfEveryPermissionThatReachesOne() {
        assertThat(HostPattern.of(p("net.egress https://api.example.com:8443"))).contains(new HostPattern("api.example.com"));
        assertThat(HostPattern.of(p("net.egress http://[::1]:8080"))).contains(new HostPattern("[::1]"));
        assertThat(HostPattern.of(p("mcp.server https://mcp.example.com/sse"))).contains(new HostPattern("mcp.example.com"));
        assertThat(HostPattern.of(p("secret.use secret:gh@api.github.com:443"))).contains(new HostPattern("api.github.com"));
        assertThat(HostPattern.of(p("mcp.server stdio:npx -y server"))).isEmpty();
        assertThat(HostPattern.of(p("fs.read ${workspace}/**"))).isEmpty();
    }
}
