package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the plugins a plugin depends on come from: the marketplaces' offers, looked up by the name a dependency gives
 * and fetched as bundles for the install pipeline. The lifecycle decides which version; this only finds and fetches.
 */
public interface DependencyOffers {

    /**
     * A plugin offered under the name a dependency gives.
     *
     * @param id          the plugin
     * @param marketplace the marketplace that offers it
     * @param versions    the versions it offers, newest first
     */
    record Offered(PluginId id, String marketplace, List<Version> versions) {
        public Offered {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(marketplace, "marketplace");
            versions = List.copyOf(versions);
        }
    }

    /** What a look-up found: the offered plugin, or why there is none, in words that can follow "because". */
    record Found(Optional<Offered> offered, String whyNot) {
        public Found {
            Objects.requireNonNull(offered, "offered");
            Objects.requireNonNull(whyNot, "whyNot");
        }
    }

    /** A bundle fetched for one offered version; closing it deletes it. */
    interface Fetched extends AutoCloseable {
        /** @return the bundle file */
        Path file();

        /** @return where it came from, for the install pipeline's listing check, catalog and audit */
        Provenance provenance();

        @Override
        void close() throws IOException;
    }

    /**
     * @param name        a plugin name or {@code publisher/name}
     * @param marketplace the marketplace to look in; empty to look in every marketplace, as {@code warden install NAME} does
     * @return the plugin offered under that name, or the reason none is (not offered, ambiguous, marketplace not added)
     */
    Found find(String name, Optional<String> marketplace) throws Exception;

    /**
     * Fetches one version {@link #find} reported.
     *
     * @throws RefusalException if it carries no publisher signature and the person did not allow unverified plugins
     * @throws Exception        what fetching or building the bundle threw
     */
    Fetched fetch(Offered offered, Version version) throws Exception;

    /** No marketplace: only plugins already installed satisfy a dependency. */
    static DependencyOffers none() {
        return new DependencyOffers() {
            @Override
            public Found find(String name, Optional<String> marketplace) {
                return new Found(Optional.empty(), "no marketplace is at hand");
            }

            @Override
            public Fetched fetch(Offered offered, Version version) {
                throw new IllegalStateException("nothing is offered without marketplaces");
            }
        };
    }
}
