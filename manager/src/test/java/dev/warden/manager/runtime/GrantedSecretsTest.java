package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Secrets;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secret references: only for granted names, never carrying a value, every call audited. */
class GrantedSecretsTest {

    private static final String VALUE = "ghp_S3cr3tV4lue";

    RecordingAudit audit = new RecordingAudit();
    Map<String, String> stored = Map.of("gh-token", VALUE, "npm-token", "npm_0ther");

    private GrantedSecrets grant(String... scopes) {
        List<Permission> effective = java.util.Arrays.stream(scopes)
                .map(s -> Permission.of(PermissionKind.SECRET_USE, s, "test")).toList();
        return new GrantedSecrets(effective, audit, name -> Optional.ofNullable(stored.get(name)));
    }

    @Test
    void givesAReferenceWithoutTheValueForAGrantedStoredSecret() {
        Optional<Secrets.Ref> ref = grant("secret:gh-token@api.github.com").secret("gh-token");

        assertThat(ref).contains(new Secrets.Ref("gh-token"));
        assertThat(ref.toString()).doesNotContain(VALUE);
        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.SECRET_USE, "secret:gh-token", true,
                "reference given; the value stays with Warden"));
    }

    @Test
    void aGrantedSecretThePersonHasNotStoredIsEmpty() {
        assertThat(grant("secret:gh-token@api.github.com", "secret:pypi@upload.pypi.org").secret("pypi")).isEmpty();

        assertThat(audit.only().allowed()).isTrue();
        assertThat(audit.only().detail()).isEqualTo("granted but not stored yet");
    }

    @Test
    void aSecretNoGrantNamesIsDeniedAndAuditedEvenWhenStored() {
        GrantedSecrets secrets = grant("secret:gh-token@api.github.com");

        assertThatThrownBy(() -> secrets.secret("npm-token")).isInstanceOf(PermissionDeniedException.class)
                .hasMessage("not granted: secret.use secret:npm-token").hasMessageNotContaining("npm_0ther");
        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.SECRET_USE, "secret:npm-token", false,
                "no secret.use grant names this secret"));
    }

    @Test
    void namesAreMatchedExactlyNotByPrefixOrCase() {
        GrantedSecrets secrets = grant("secret:gh-token@api.github.com");

        audit.refusesEach(List.of("gh", "gh-token2", "GH-TOKEN", "gh-token@api.github.com", ""), secrets::secret);
    }

    @Test
    void otherKindsOfGrantDoNotCount() {
        GrantedSecrets secrets = new GrantedSecrets(List.of(Permission.of(PermissionKind.ENV_READ, "gh_token", "test"),
                Permission.of(PermissionKind.NET_EGRESS, "https://api.github.com", "test")), audit, name -> Optional.of(VALUE));

        assertThatThrownBy(() -> secrets.secret("gh_token")).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void noAuditEntryEverHoldsAValue() {
        GrantedSecrets secrets = grant("secret:gh-token@api.github.com");
        secrets.secret("gh-token");
        assertThatThrownBy(() -> secrets.secret("npm-token")).isInstanceOf(PermissionDeniedException.class);

        assertThat(audit.entries).hasSize(2).allSatisfy(e -> assertThat(e.target() + e.detail())
                .doesNotContain(VALUE).doesNotContain("npm_0ther"));
    }
}
