package dev.warden.manager.lifecycle;

import dev.warden.manager.config.UserConfigIntake;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginDependency;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.permissions.UpdateReview;
import dev.warden.manager.review.PluginContents;
import dev.warden.manager.scan.Finding;
import dev.warden.signing.VerifiedBundle;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a lifecycle command shows the person before it asks, or acts on {@code --yes}: the command hands it to
 * {@link Consent#show} and never prints it itself. Texts from the bundle are as the bundle has them; whoever
 * shows them escapes them.
 */
public sealed interface Review {

    /** The plugin the review is about. */
    PluginId plugin();

    /**
     * A plugin about to be installed.
     *
     * @param verified       the publisher signature, empty for an UNVERIFIED bundle
     * @param findings       what the static check of its code found
     * @param classesChecked how many classes the static check read
     * @param blocked        permissions policy blocks, with the reason
     * @param lookAlikes     installed plugins whose ids a person could mistake for this one
     */
    record Install(PluginManifest manifest, Optional<VerifiedBundle> verified, PluginContents contents, List<Finding> findings,
                   int classesChecked, Map<Permission, String> blocked, List<String> lookAlikes,
                   List<UserConfigIntake.Shown> options) implements Review {
        public Install {
            findings = List.copyOf(findings);
            blocked = Map.copyOf(blocked);
            lookAlikes = List.copyOf(lookAlikes);
            options = List.copyOf(options);
        }

        /** A plugin without options. */
        public Install(PluginManifest manifest, Optional<VerifiedBundle> verified, PluginContents contents, List<Finding> findings,
                       int classesChecked, Map<Permission, String> blocked, List<String> lookAlikes) {
            this(manifest, verified, contents, findings, classesChecked, blocked, lookAlikes, List.of());
        }

        @Override
        public PluginId plugin() {
            return manifest.id();
        }
    }

    /**
     * An installed plugin about to change version, arriving now or held for {@code warden review}.
     *
     * @param verified           the publisher signature of the bundle that just arrived; empty for an UNVERIFIED one
     *                           and for a held update, checked when it arrived
     * @param changes            what the new version asks for beyond what the person granted
     * @param installedContents  the parts of the installed version
     * @param updateContents     the parts of the new version
     * @param arrivedUnverified  true for a held update that no trusted publisher had signed when it arrived
     */
    record Update(PluginManifest installed, PluginManifest update, Optional<VerifiedBundle> verified, UpdateReview changes,
                  List<Finding> findings, int classesChecked, PluginContents installedContents, PluginContents updateContents,
                  boolean arrivedUnverified) implements Review {
        public Update {
            findings = List.copyOf(findings);
        }

        @Override
        public PluginId plugin() {
            return update.id();
        }
    }

    /**
     * A plugin about to be installed together with the plugins it depends on; each of those that is new to this
     * machine is shown by an {@link Install} review of its own, and one question covers them all.
     *
     * @param plugin  the plugin the person asked for
     * @param version its version
     * @param needs   each dependency of each plugin installed, and how it is met
     */
    record Dependencies(PluginId plugin, Version version, List<Need> needs) implements Review {
        public Dependencies {
            needs = List.copyOf(needs);
        }

        /** How a dependency is met. */
        public enum How {
            /** installed with the plugin that needs it */
            INSTALLED_WITH_IT,
            /** already installed and enabled, in the range */
            ALREADY_INSTALLED,
            /** installed, in the range, but disabled: enabled with the plugin that needs it */
            ENABLED_WITH_IT
        }

        /**
         * @param dependent the plugin that declares it
         * @param declared  the dependency as declared (name, marketplace, range)
         * @param id        the plugin that meets it
         * @param version   at this version
         * @param how       how
         */
        public record Need(PluginId dependent, PluginDependency declared, PluginId id, Version version, How how) {
        }
    }

    /** Tools of a plugin's MCP servers that changed, or appeared, since the person approved them. */
    record Tools(PluginId plugin, List<ToolPins.Held> held) implements Review {
        public Tools {
            held = List.copyOf(held);
        }
    }
}
