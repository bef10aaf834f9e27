package dev.warden.manager.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OfferChangesTest {

    static Offer offer(String name, String version) {
        return new Offer("m", MarketplaceKind.STATIC, new PluginId("acme", name), Version.parse(version), "", List.of(), Optional.empty(), name);
    }

    @Test
    void aFewChangesAreListedOneLineEachSorted() {
        List<String> lines = OfferChanges.between(List.of(offer("b", "1.0.0"), offer("c", "1.0.0"), offer("c", "0.9.0")),
                List.of(offer("a", "1.0.0"), offer("b", "1.1.0"), offer("b", "1.0.0")));

        assertThat(lines).containsExactly("new: acme/a 1.0.0", "no longer listed: acme/c", "updated: acme/b 1.0.0 -> 1.1.0");
    }

    @Test
    void nothingChangedGivesNoLines() {
        assertThat(OfferChanges.between(List.of(offer("a", "1.0.0")), List.of(offer("a", "1.0.0")))).isEmpty();
    }

    @Test
    void manyChangesAreCounted() {
        List<Offer> many = IntStream.range(0, 500).mapToObj(i -> offer("p" + i, "1.0.0")).toList();

        assertThat(OfferChanges.between(List.of(offer("gone", "1.0.0")), many))
                .containsExactly("500 new, 0 updated, 1 no longer listed ('warden search' shows them)");
    }
}
