package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Environment variables: only granted names and prefixes, each read audited by name, never by value. */
class GrantedEnvTest {

    RecordingAudit audit = new RecordingAudit();
    Map<String, String> host = Map.of(
            "LANG", "en_GB.UTF-8",
            "ACME_REGION", "eu-west",
            "ACME_API_TOKEN", "acme-t0ken-value",
            "ACMEX_OTHER", "x",
            "AWS_SECRET_ACCESS_KEY", "aws-s3cret-value",
            "GITHUB_TOKEN", "ghp_env-value");

    private GrantedEnv grant(String... scopes) {
        List<Permission> effective = Arrays.stream(scopes).map(s -> Permission.of(PermissionKind.ENV_READ, s, "test")).toList();
        return new GrantedEnv(effective, host, audit);
    }

    @Test
    void readsAGrantedNameAndAuditsTheNameNotTheValue() {
        assertThat(grant("LANG").get("LANG")).contains("en_GB.UTF-8");

        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.ENV_READ, "LANG", true, "read"));
    }

    @Test
    void aGrantedNameThatIsNotSetIsEmpty() {
        assertThat(grant("EDITOR").get("EDITOR")).isEmpty();

        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.ENV_READ, "EDITOR", true, "not set"));
    }

    @Test
    void anUngrantedNameIsDeniedAndAudited() {
        GrantedEnv env = grant("LANG");

        assertThatThrownBy(() -> env.get("GITHUB_TOKEN")).isInstanceOf(PermissionDeniedException.class)
                .hasMessage("not granted: env.read GITHUB_TOKEN");
        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.ENV_READ, "GITHUB_TOKEN", false,
                "no env.read grant covers this name"));
    }

    @Test
    void aBidiOrZeroWidthCharacterInTheNameNeverReachesTheAuditEntryRaw() {
        GrantedEnv env = grant("LANG");

        for (String name : List.of("LANG\u202E", "LA\u200BNG", "\u2066GITHUB_TOKEN\u2069", "LA\u200DNG", "LANG\uFEFF")) {
            assertThatThrownBy(() -> env.get(name)).isInstanceOf(PermissionDeniedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("\\u"));
        }

        assertThat(audit.entries).hasSize(5).allSatisfy(e -> assertThat(e.target() + e.detail())
                .contains("\\u").doesNotContain("\u202E", "\u200B", "\u2066", "\u2069", "\u200D", "\uFEFF"));
    }

    @Test
    void namesAreMatchedExactlyAndCaseSensitively() {
        GrantedEnv env = grant("LANG");

        audit.refusesEach(List.of("lang", "LANGUAGE", "LAN", "", "LANG "), env::get);
    }

    @Test
    void aPrefixGrantCoversItsNamesSecretLookingOnesIncludedAndNothingElse() {
        GrantedEnv env = grant("ACME_*");

        assertThat(env.get("ACME_REGION")).contains("eu-west");
        assertThat(env.get("ACME_API_TOKEN")).contains("acme-t0ken-value");
        for (String name : List.of("ACMEX_OTHER", "ACME", "AWS_SECRET_ACCESS_KEY", "acme_region")) {
            assertThatThrownBy(() -> env.get(name)).isInstanceOf(PermissionDeniedException.class);
        }
        assertThat(env.names()).containsExactly("ACME_API_TOKEN", "ACME_REGION");
    }

    @Test
    void namesListsOnlyGrantedNamesThatAreSetSortedAndAuditsTheCount() {
        GrantedEnv env = grant("LANG", "EDITOR", "GITHUB_TOKEN");

        assertThat(env.names()).containsExactly("GITHUB_TOKEN", "LANG");
        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.ENV_READ, "EDITOR, GITHUB_TOKEN, LANG",
                true, "listed 2 set variables"));
    }

    @Test
    void withoutAGrantNamesIsEmpty() {
        GrantedEnv env = new GrantedEnv(List.of(Permission.of(PermissionKind.SECRET_USE, "secret:x@example.com", "test")),
                host, audit);

        assertThat(env.names()).isEmpty();
        assertThat(audit.only().target()).isEqualTo("(no grant)");
    }

    @Test
    void theWholeEnvironmentOnlyWithStar() {
        assertThat(grant("*").names()).containsExactlyInAnyOrderElementsOf(host.keySet());
    }

    @Test
    void noAuditEntryEverHoldsAValue() {
        GrantedEnv env = grant("ACME_*", "GITHUB_TOKEN", "LANG");
        env.names();
        host.keySet().forEach(name -> {
            try {
                env.get(name);
            } catch (PermissionDeniedException e) {
                assertThat(e.getMessage()).doesNotContain(host.get(name));
            }
        });

        for (String value : host.values()) {
            assertThat(audit.entries).allSatisfy(e -> assertThat(e.target() + e.detail()).doesNotContain(value));
        }
    }
}
