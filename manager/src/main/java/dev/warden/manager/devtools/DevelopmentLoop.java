package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.io.AtomicFiles;
import dev.warden.io.FileTrees;
import dev.warden.io.StrictJson;
import dev.warden.io.WardenException;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Installation;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.ToolPins;
import dev.warden.manager.marketplace.Listings;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.manager.marketplace.Offer;
import dev.warden.registry.tuf.Expiries;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One turn of {@code warden dev}: build the project, lint it (findings at the author's source files), pack it, sign
 * it with the publisher's development key, publish it to the development marketplace as {@code X.Y.Z-dev.N} (each
 * build a version of its own, since a version is never published twice with other content), refresh that
 * marketplace in the development home, and install or update the plugin there with its review shown and accepted.
 * Single use: {@link #run} once.
 */
public final class DevelopmentLoop {

    /**
     * @param offline   whether Maven runs offline ({@code -o})
     * @param publisher the publisher a Claude plugin folder is made for; empty to use the only development key's
     */
    public record Options(boolean offline, Optional<String> publisher) {
        public Options {
            Objects.requireNonNull(publisher, "publisher");
        }
    }

    /**
     * @param id      the plugin
     * @param version the development version installed
     * @param install what the install or update did
     */
    public record Result(PluginId id, Version version, InstallResult install) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PluginProject project;
    private final DevelopmentHome dev;
    private final Lifecycle lifecycle;
    private final Marketplaces marketplaces;
    private final Map<String, String> env;
    private final Consumer<String> progress;
    private boolean ran;

    /**
     * @param lifecycle    the development home's lifecycle, whose consent shows the review and accepts it
     * @param marketplaces the development home's marketplaces
     * @param env          the environment the build runs with
     * @param progress     where short lines on each step go
     */
    public DevelopmentLoop(PluginProject project, DevelopmentHome dev, Lifecycle lifecycle, Marketplaces marketplaces,
                           Map<String, String> env, Consumer<String> progress) {
        this.project = project;
        this.dev = dev;
        this.lifecycle = lifecycle;
        this.marketplaces = marketplaces;
        this.env = Map.copyOf(env);
        this.progress = progress;
    }

    /**
     * @throws DevelopmentException if the build fails, the plugin has lint errors, or no publisher can be chosen
     * @throws IllegalStateException if run before
     */
    public Result run(Options options) throws Exception {
        if (ran) {
            throw new IllegalStateException("a development loop runs once");
        }
        ran = true;
        long started = System.nanoTime();
        switch (project.build(options.offline(), env)) {
            case WITH_MAVEN -> progress.accept("built in " + seconds(started));
            case LAID_OUT_AGAIN -> progress.accept("only " + PluginProject.MAVEN_SOURCES + " changed: laid out again in "
                    + seconds(started) + ", without Maven");
            case NOTHING_TO_BUILD -> { }
        }
        Files.createDirectories(dev.staging());
        Path staging = dev.staging().resolve(UUID.randomUUID().toString());
        try {
            String publisher = project.form() == PluginProject.Form.CLAUDE ? claudePublisher(options.publisher()) : null;
            project.stage(publisher, staging);
            PluginManifest manifest = project.checked(staging, progress);
            if (publisher == null) {
                publisher = manifest.publisher();
                if (options.publisher().isPresent() && !options.publisher().get().equals(publisher)) {
                    throw new DevelopmentException(WardenException.Category.USAGE, "--publisher " + options.publisher().get()
                            + " does not match the plugin's publisher '" + publisher + "' (" + PluginProject.MAVEN_SOURCES
                            + "/plugin.json)");
                }
            }
            SigningKey key = dev.prepare(publisher, lifecycle, marketplaces);
            PluginId id = manifest.id();
            Version version = nextVersion(id, manifest.version());
            setVersion(staging.resolve("plugin.json"), version);
            Path bundle = dev.staging().resolve(id.publisher() + "-" + id.name() + "-" + version + ".wpk");
            Files.deleteIfExists(bundle);
            try {
                BundleWriter.pack(staging, bundle, BundleLimits.defaults());
                BundleSigner.sign(bundle, key, BundleLimits.defaults());
                progress.accept("signed with development key " + publisher + " (dev) " + key.keyId().fingerprint());
                TufRepository.publish(dev.marketplace(), dev.marketplaceKey(), Optional.empty(), bundle, Listings.of(bundle),
                        lifecycle.clock(), Expiries.defaults());
            } finally {
                Files.deleteIfExists(bundle);
            }
            InstallResult installed = install(id, version);
            progress.accept(switch (installed.outcome()) {
                case INSTALLED -> "installed " + id + " " + version;
                case UPDATED -> "updated " + id + " " + installed.previous().map(v -> v + " -> ").orElse("") + version;
                default -> id + " " + version + ": " + installed.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            });
            if (installed.outcome() == InstallResult.Outcome.PENDING_REVIEW || installed.outcome() == InstallResult.Outcome.REJECTED) {
                throw new DevelopmentException(WardenException.Category.REFUSED, id + " " + version + " was not installed in the"
                        + " development home (" + installed.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "); see 'warden --home " + dev.home().root() + " review " + id + "'");
            }
            acceptServerTools(id);
            return new Result(id, version, installed);
        } finally {
            if (Files.exists(staging)) {
                FileTrees.deleteTree(staging);
            }
        }
    }

    /**
     * Drops the pins of the plugin's MCP server tools, so that the tools of this build's servers are pinned as they
     * show themselves next: the author changing their own server's tools is not a change to hold for review.
     */
    private void acceptServerTools(PluginId id) throws Exception {
        lifecycle.change("accept the MCP server tools of " + id, state -> new ToolPins(lifecycle.store().home()).forget(id)
                ? Change.audited(AuditEvent.REVIEW_TOOLS_APPROVED, Optional.of(id), Map.of("development", true,
                        "tools", "as the next start of its servers shows them"), true)
                : Change.none(false));
    }

    /** Refreshes the development marketplace and installs or updates the plugin from it, its review accepted. */
    private InstallResult install(PluginId id, Version version) throws Exception {
        Marketplaces.Outcome refreshed = marketplaces.update(Optional.of(DevelopmentHome.MARKETPLACE)).values().iterator().next();
        if (refreshed.failure().isPresent()) {
            throw refreshed.failure().get();
        }
        Offer offer = marketplaces.catalogue().resolve(id.toString(), Optional.of(version));
        boolean installed = lifecycle.store().read().plugin(id).isPresent();
        return marketplaces.install(offer, new Installation.Options(false, true, false,
                installed ? Optional.of(id) : Optional.empty()), o -> { });
    }

    /** The publisher of a Claude plugin folder: the one asked for, else the only one with a development key. */
    private String claudePublisher(Optional<String> asked) throws DevelopmentException, IOException {
        if (asked.isPresent()) {
            return asked.get();
        }
        List<String> publishers = dev.keys().publishers();
        if (publishers.size() == 1) {
            return publishers.get(0);
        }
        throw new DevelopmentException(WardenException.Category.USAGE, "a Claude plugin folder names no publisher: give"
                + " --publisher ID" + (publishers.isEmpty() ? " (e.g. your name, kebab-case)"
                : "; development keys exist for " + String.join(", ", publishers)));
    }

    /** {@code X.Y.Z-dev.N} for the manifest's {@code X.Y.Z}, N one more than any earlier build of this plugin. */
    private Version nextVersion(PluginId id, Version declared) throws IOException, WardenException {
        Path counter = dev.counter(id.publisher(), id.name());
        long previous = 0;
        if (Files.isRegularFile(counter)) {
            try {
                previous = Long.parseLong(Files.readString(counter, StandardCharsets.UTF_8).strip());
            } catch (NumberFormatException e) {
                // a damaged counter starts again after the installed build
            }
        }
        Optional<Version> installed = lifecycle.store().read().plugin(id).map(p -> p.version());
        if (installed.isPresent() && installed.get().preRelease().size() == 2 && installed.get().preRelease().get(0).equals("dev")) {
            try {
                previous = Math.max(previous, Long.parseLong(installed.get().preRelease().get(1)));
            } catch (NumberFormatException e) {
                // not a number Warden gave: count on from the file
            }
        }
        long next = previous + 1;
        Files.createDirectories(counter.getParent());
        AtomicFiles.write(counter, (next + "\n").getBytes(StandardCharsets.UTF_8));
        return new Version(declared.major(), declared.minor(), declared.patch(), List.of("dev", Long.toString(next)), List.of());
    }

    /** Rewrites the version of a staged manifest; the lint has read it, so it is a JSON object. */
    private static void setVersion(Path manifest, Version version) throws Exception {
        ObjectNode json = (ObjectNode) StrictJson.standard().read(Files.readAllBytes(manifest));
        json.put("version", version.toString());
        AtomicFiles.write(manifest, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        ManifestParser.standard().parse(Files.readAllBytes(manifest)); // still a manifest, or the step is wrong
    }

    private static String seconds(long since) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - since) / 1e9);
    }
}
