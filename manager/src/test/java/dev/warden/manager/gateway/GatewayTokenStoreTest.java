package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTokenStoreTest {

    @TempDir
    Path home;

    private GatewayTokenStore store() {
        return new GatewayTokenStore(home, new SecureRandom());
    }

    private String mode() throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file()));
    }

    private String written() throws Exception {
        return Files.readString(store().file(), StandardCharsets.US_ASCII).strip();
    }

    @Test
    void makesATokenReadableByItsOwnerOnly() throws Exception {
        GatewayTokenStore.Issued issued = store().current();

        assertThat(issued.source()).isEqualTo(GatewayTokenStore.Source.CREATED);
        assertThat(issued.token().value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(written()).isEqualTo(issued.token().value());
        assertThat(mode()).isEqualTo("rw-------");
        try (var leftovers = Files.list(home)) {
            assertThat(leftovers).containsExactly(store().file());
        }
    }

    @Test
    void makesTheHomeFolderWhenThereIsNone() throws Exception {
        GatewayTokenStore fresh = new GatewayTokenStore(home.resolve("new-home"), new SecureRandom());

        assertThat(fresh.current().source()).isEqualTo(GatewayTokenStore.Source.CREATED);
        assertThat(fresh.file()).isRegularFile();
    }

    @Test
    void keepsTheTokenFromOneStartToTheNext() throws Exception {
        GatewayToken first = store().current().token();

        GatewayTokenStore.Issued again = store().current();

        assertThat(again.source()).isEqualTo(GatewayTokenStore.Source.REUSED);
        assertThat(again.token()).isEqualTo(first);
    }

    @Test
    void takesATokenSomeoneWroteWithALineBreak() throws Exception {
        String value = GatewayToken.generate(new SecureRandom()).value();
        Files.writeString(store().file(), value + "\n");
        Files.setPosixFilePermissions(store().file(), PosixFilePermissions.fromString("rw-------"));

        assertThat(store().current().token().value()).isEqualTo(value);
    }

    @Test
    void replacesTheTokenWhenAskedFor() throws Exception {
        GatewayToken first = store().current().token();

        GatewayTokenStore.Issued renewed = store().renew();

        assertThat(renewed.source()).isEqualTo(GatewayTokenStore.Source.RENEWED);
        assertThat(renewed.token()).isNotEqualTo(first);
        assertThat(written()).isEqualTo(renewed.token().value());
        assertThat(mode()).isEqualTo("rw-------");
        assertThat(store().current().token()).isEqualTo(renewed.token());
    }

    @Test
    void replacesAFileThatHoldsNoWellFormedToken() throws Exception {
        Files.writeString(store().file(), "password123\n");
        Files.setPosixFilePermissions(store().file(), PosixFilePermissions.fromString("rw-------"));

        GatewayTokenStore.Issued issued = store().current();

        assertThat(issued.source()).isEqualTo(GatewayTokenStore.Source.REPLACED_MALFORMED);
        assertThat(written()).isEqualTo(issued.token().value());
    }

    @Test
    void replacesATokenOtherUsersCouldRead() throws Exception {
        GatewayToken first = store().current().token();
        Files.setPosixFilePermissions(store().file(), PosixFilePermissions.fromString("rw-r--r--"));

        GatewayTokenStore.Issued issued = store().current();

        assertThat(issued.source()).isEqualTo(GatewayTokenStore.Source.REPLACED_EXPOSED);
        assertThat(issued.token()).isNotEqualTo(first);
        assertThat(mode()).isEqualTo("rw-------");
    }

    @Test
    void replacesALinkWithoutWritingWhereItPoints() throws Exception {
        Path elsewhere = Files.writeString(home.resolve("elsewhere"), GatewayToken.generate(new SecureRandom()).value());
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        String before = Files.readString(elsewhere);
        Files.createSymbolicLink(store().file(), elsewhere);

        GatewayTokenStore.Issued issued = store().current();

        assertThat(issued.source()).isEqualTo(GatewayTokenStore.Source.REPLACED_EXPOSED);
        assertThat(Files.isSymbolicLink(store().file())).isFalse();
        assertThat(Files.readString(elsewhere)).isEqualTo(before);
    }

    @Test
    void tokensAreRandomAndNeverShownByToString() {
        GatewayToken one = GatewayToken.generate(new SecureRandom());
        GatewayToken two = GatewayToken.generate(new SecureRandom());

        assertThat(one).isNotEqualTo(two);
        assertThat(one.toString()).doesNotContain(one.value()).doesNotContain(one.value().substring(0, 8));
        assertThat(one.matches(one.value())).isTrue();
        assertThat(one.matches(two.value())).isFalse();
        assertThat(one.matches(null)).isFalse();
        assertThat(GatewayToken.parse(one.value())).contains(one);
        assertThat(GatewayToken.parse(one.value() + "=")).isEmpty();
        assertThat(GatewayToken.parse("short")).isEmpty();
    }
}
