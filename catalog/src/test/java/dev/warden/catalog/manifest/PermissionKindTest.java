package dev.warden.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PermissionKindTest {

    @Test
    void hasExactlyTheIdsOfTheDesign() {
        assertThat(Arrays.stream(PermissionKind.values()).map(PermissionKind::id)).containsExactly(
                "fs.read", "fs.write", "fs.delete", "net.egress", "process.exec", "env.read", "secret.use",
                "schedule", "data.share", "mcp.server");
    }

    @Test
    void findsEveryKindByItsIdAndNothingForAnUnknownOne() {
        for (PermissionKind kind : PermissionKind.values()) {
            assertThat(PermissionKind.byId(kind.id())).contains(kind);
        }
        assertThat(PermissionKind.byId("fs.execute")).isEmpty();
        assertThat(PermissionKind.byId("FS.READ")).isEmpty();
    }

    @Test
    void ordersRisksByLevel() {
        assertThat(Risk.values()).extracting(Risk::level).containsExactly(0, 1, 2, 3, 4);
        assertThat(Risk.ofLevel(3)).isEqualTo(Risk.HIGH);
        assertThat(Risk.LOW.max(Risk.HIGH)).isEqualTo(Risk.HIGH);
    }
}
