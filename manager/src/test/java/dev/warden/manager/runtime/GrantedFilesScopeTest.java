package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled scopes follow the grammar of plugin-api's FsScope. */
class GrantedFilesScopeTest {

    private static boolean matches(String scope, String... names) {
        return ScopePattern.compile(scope).orElseThrow().matches(List.of(names));
    }

    @Test
    void globstarSpansFoldersButNotHiddenOrSecretNames() {
        assertThat(matches("${workspace}/reports/**", "reports")).isTrue();
        assertThat(matches("${workspace}/reports/**", "reports", "2024", "q1.csv")).isTrue();
        assertThat(matches("${workspace}/reports/**", "notes", "q1.csv")).isFalse();
        assertThat(matches("${workspace}/**", ".env")).isFalse();
        assertThat(matches("${workspace}/**", "src", ".git", "config")).isFalse();
        assertThat(matches("${home}/**", "Library", "Keychains", "login.keychain")).isFalse();
        assertThat(matches("${home}/Library/**", "Library", "Keychains")).isTrue();
    }

    @Test
    void starAndQuestionMarkStayWithinOneName() {
        assertThat(matches("${home}/.config/app/*.json", ".config", "app", "settings.json")).isTrue();
        assertThat(matches("${home}/.config/app/*.json", ".config", "app", "sub", "settings.json")).isFalse();
        assertThat(matches("${home}/.config/app/*.json", ".config", "app", "settings.yaml")).isFalse();
        assertThat(matches("${workspace}/*.md", ".env.md")).isFalse();
        assertThat(matches("${workspace}/log?.txt", "log1.txt")).isTrue();
        assertThat(matches("${workspace}/log?.txt", "log12.txt")).isFalse();
        assertThat(matches("${workspace}/*", "Library")).isFalse();
        assertThat(matches("${workspace}/L*", "Library")).isTrue();
    }

    @Test
    void anExactFileCoversItselfAndWhatIsBelowItOnly() {
        assertThat(matches("${workspace}/notes.txt", "notes.txt")).isTrue();
        assertThat(matches("${workspace}/notes.txt", "Notes.txt")).isFalse();
        assertThat(matches("${workspace}/notes.txt", "notes.txt.bak")).isFalse();
        assertThat(matches("${workspace}/docs", "docs", "a.md")).isTrue();
        assertThat(matches("${workspace}/docs", "docs", ".hidden")).isFalse();
        assertThat(matches("${workspace}/docs")).isFalse();
        assertThat(matches("${workspace}")).isTrue();
    }

    @Test
    void absoluteScopesAreNotCompiled() {
        assertThat(ScopePattern.compile("/etc/**")).isEmpty();
    }

    @Test
    void wholeFolderIsTheLiteralPathOfAScopeWhoseOnlyWildcardIsTrailing() {
        assertThat(ScopePattern.compile("${workspace}/reports/**").orElseThrow().wholeFolder()).contains(List.of("reports"));
        assertThat(ScopePattern.compile("${home}/.config/tool").orElseThrow().wholeFolder()).contains(List.of(".config", "tool"));
        assertThat(ScopePattern.compile("${plugin_data}").orElseThrow().wholeFolder()).contains(List.of());
        assertThat(ScopePattern.compile("${workspace}/src/*.java").orElseThrow().wholeFolder()).isEmpty();
        assertThat(ScopePattern.compile("${workspace}/**/reports").orElseThrow().wholeFolder()).isEmpty();
        assertThat(ScopePattern.compile("${workspace}/*/**").orElseThrow().wholeFolder()).isEmpty();
    }
}
