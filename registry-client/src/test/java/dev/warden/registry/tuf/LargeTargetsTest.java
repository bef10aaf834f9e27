package dev.warden.registry.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.registry.testing.SimulatedRepository;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A marketplace of 20,000 bundles (about 8 MB of targets metadata) parses and verifies in one refresh. */
class LargeTargetsTest {

    @Test
    void refreshesATargetsFileOfTwentyThousandListings() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        for (int i = 0; i < 20_000; i++) {
            String name = "plugin" + i;
            Map<String, Object> permission = new LinkedHashMap<>();
            permission.put("kind", "net.egress");
            permission.put("scope", "api" + i + ".example.com");
            permission.put("risk", 2L);
            permission.put("optional", false);
            Map<String, Object> warden = new LinkedHashMap<>();
            warden.put("id", "pub" + (i % 100) + "/" + name);
            warden.put("name", name);
            warden.put("version", "1.0." + i);
            warden.put("description", "A plugin that does useful thing number " + i + " for the agents that use it");
            warden.put("keywords", List.of("one", "two", "three"));
            warden.put("publisher", "pub" + (i % 100));
            warden.put("permissions", List.of(permission));
            repo.addTarget("pub" + (i % 100) + "/" + name + "/pub-" + name + "-1.0." + i + ".wpk",
                    ("bundle " + i).getBytes(StandardCharsets.UTF_8), Map.of("warden", warden));
        }
        repo.publish();
        TufClient client = repo.client();
        TrustedMetadata root = TrustedMetadata.bootstrap(repo.initialRoot());

        TrustedMetadata trusted = null;
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            trusted = client.refresh(root).metadata();
            best = Math.min(best, System.nanoTime() - start);
        }

        assertThat(repo.fetcher.get("1.targets.json").orElseThrow().length).isGreaterThan(6_000_000);
        assertThat(trusted.targets()).hasSize(20_000);
        assertThat(trusted.targets().values()).allMatch(t -> t.listing().isPresent());
        System.out.println("refresh of 20,000 targets: best of 5 runs " + best / 1_000_000 + " ms");
    }
}
