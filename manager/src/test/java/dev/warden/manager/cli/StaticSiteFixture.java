package dev.warden.manager.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/** A {@link TrustedAcmeFixture} with a static signed marketplace in a folder, {@code site}, and its metadata key. */
abstract class StaticSiteFixture extends TrustedAcmeFixture {

    Path site;
    Path marketKey;

    @BeforeEach
    void aStaticSiteInAFolder() {
        site = temp.resolve("site");
        ok("keys", "generate", "--publisher", "acme-market", "--out", temp.resolve("market").toString());
        marketKey = temp.resolve("market/acme-market.key");
        ok("repo", "init", site.toString(), "--key", marketKey.toString());
    }

    /** Publishes a signed bundle to the site. */
    void publish(Path bundle) {
        ok("publish", bundle.toString(), "--repo", site.toString(), "--key", marketKey.toString());
    }
}
