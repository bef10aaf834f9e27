package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code ${user_config.KEY}} in a remote server's URL: where it may stand, and the values that would change the URL's
 * shape (move the host, add user information, a port, a query or a segment), each refused.
 */
class UserConfigUrlTest {

    private static final String TENANT_URL = "https://${user_config.tenant}.example.com/mcp";

    private static String fill(String url, String value) {
        return UserConfigUrl.fill(url, key -> Optional.of(value));
    }

    @Test
    void fillsALabelOfTheHostAndAPathSegment() {
        assertThat(fill(TENANT_URL, "acme")).isEqualTo("https://acme.example.com/mcp");
        assertThat(UserConfigUrl.fill("https://mcp.example.com/${user_config.org}/${user_config.v}",
                key -> Optional.of(Map.of("org", "acme_co", "v", "v1.2").get(key)))).isEqualTo("https://mcp.example.com/acme_co/v1.2");
        assertThat(fill("https://api-${user_config.region}.example.com:8443/mcp", "eu-west-1"))
                .isEqualTo("https://api-eu-west-1.example.com:8443/mcp");
    }

    @Test
    void refusesEveryValueThatWouldMoveTheHostOrAddToTheUrl() {
        for (String hostile : new String[] {"evil.com/x", "evil.com", "169.254.169.254", "a@evil.com", "evil.com:80",
                "x?y=1", "x#frag", "a b", "-acme", "acme-", "", "a%2fb", "a\\b", "xn--80ak6aa92e.com",
                "a".repeat(64)}) {
            assertThatThrownBy(() -> fill(TENANT_URL, hostile)).as(hostile).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("user_config.tenant").hasMessageContaining("change the shape");
        }
    }

    @Test
    void refusesAPathValueThatAddsASegmentOrLeavesThePath() {
        for (String hostile : new String[] {"a/b", "..", ".", "a?b", "a#b", "%2e%2e", "a b", "@evil.com"}) {
            assertThatThrownBy(() -> fill("https://mcp.example.com/${user_config.org}/mcp", hostile)).as(hostile)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one segment");
        }
    }

    @Test
    void aReferenceMayNotBeTheWholeHostItsDomainItsPortOrItsScheme() {
        assertThat(UserConfigUrl.shapeProblem("https://${user_config.host}/mcp")).get().asString().contains("fixed domain");
        assertThat(UserConfigUrl.shapeProblem("https://${user_config.host}.com/mcp")).as("the value would pick any .com domain")
                .get().asString().contains("fixed domain");
        assertThat(UserConfigUrl.shapeProblem("https://mcp.${user_config.domain}/mcp")).get().asString().contains("fixed domain");
        assertThat(UserConfigUrl.shapeProblem("https://mcp.example.com:${user_config.port}/mcp")).get().asString().contains("port");
        assertThat(UserConfigUrl.shapeProblem("${user_config.scheme}://mcp.example.com/mcp")).get().asString().contains("scheme");
        assertThat(UserConfigUrl.shapeProblem("https://mcp.example.com/${user_config.a}/${env.HOME}")).get().asString().contains("not ${user_config.KEY}");
        assertThat(UserConfigUrl.shapeProblem(TENANT_URL)).isEmpty();
    }

    @Test
    void aKeyWithoutAValueIsNamedWithTheCommandThatSetsIt() {
        assertThatThrownBy(() -> UserConfigUrl.fill(TENANT_URL, key -> Optional.empty()))
                .hasMessageContaining("user_config.tenant, which has no value").hasMessageContaining("warden config set");
    }

    @Test
    void aTemplatedPermissionParsesWhereItsShapeIsFixedAndIsRefusedElsewhere() {
        assertThat(Permission.of(PermissionKind.MCP_SERVER, TENANT_URL, "r").scope()).isEqualTo(TENANT_URL);
        assertThat(Permission.of(PermissionKind.NET_EGRESS, "https://${user_config.tenant}.example.com", "r").scope())
                .isEqualTo("https://${user_config.tenant}.example.com");
        assertThatThrownBy(() -> Permission.of(PermissionKind.NET_EGRESS, "https://${user_config.host}", "r"))
                .hasMessageContaining("net.egress scope").hasMessageContaining("fixed domain");
        assertThatThrownBy(() -> Permission.of(PermissionKind.NET_EGRESS, "https://${HOME}.example.com", "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permission.of(PermissionKind.PROCESS_EXEC, "/usr/bin/${user_config.x}", "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
