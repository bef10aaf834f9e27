package dev.warden.manager.devtools;

import dev.warden.catalog.state.AuditEvent;
import dev.warden.io.WardenException;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.marketplace.MarketplaceKind;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code warden dev} works, under a person's home ({@code $WARDEN_HOME/dev}): {@code keys/} (the development
 * keys), {@code home/} (a Warden home of its own that trusts only those keys, whose plugins cannot reach the person's
 * home either) and {@code marketplace/} (a static signed repository with its own metadata key, added to that home as
 * the marketplace {@value #MARKETPLACE}). Each part is made the first time it is needed and kept from then on.
 */
public final class DevelopmentHome {

    /** The name of the development marketplace in the development home. */
    public static final String MARKETPLACE = "dev";
    /** The publisher id of the development marketplace's metadata key. */
    static final String MARKETPLACE_KEY_OWNER = "warden-dev-marketplace";

    private final WardenHome person;
    private final Path folder;
    private final DevelopmentKeys keys;

    private DevelopmentHome(WardenHome person, Clock clock) {
        this.person = person;
        this.folder = folder(person);
        this.keys = new DevelopmentKeys(folder.resolve("keys"), clock);
    }

    /** @return the development folder of {@code person}'s home; nothing is made yet */
    public static DevelopmentHome of(WardenHome person, Clock clock) {
        if (person.isDevelopmentHome()) {
            throw new IllegalArgumentException(person.root() + " is a development home already; run 'warden dev' with the"
                    + " person's own home");
        }
        return new DevelopmentHome(person, clock);
    }

    static Path folder(WardenHome person) {
        return person.root().resolve("dev");
    }

    /** @return the development home: its own state, the person's system folder and home folder */
    public WardenHome home() {
        return new WardenHome(folder.resolve("home"), person.systemDir(), person.userHome());
    }

    public DevelopmentKeys keys() {
        return keys;
    }

    /** @return the development marketplace's folder, a static signed repository */
    public Path marketplace() {
        return folder.resolve("marketplace");
    }

    /** @return the folder for staging builds; its contents are thrown away */
    Path staging() {
        return folder.resolve("staging");
    }

    /** @return the file that counts {@code publisher/name}'s development builds */
    Path counter(String publisher, String name) {
        return folder.resolve("builds").resolve(publisher + "_" + name);
    }

    /**
     * Makes the development home if it is not there, so that a lifecycle can be opened on it: its folder and the
     * marker that makes it one.
     */
    public void create() throws IOException {
        Path root = home().root();
        Files.createDirectories(root);
        Path marker = root.resolve(WardenHome.DEVELOPMENT_MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(marker, "A Warden development home, made by 'warden dev': it trusts development keys only,"
                    + " and its plugins cannot reach " + person.root() + ".\n");
        }
    }

    /**
     * Makes what {@code publisher}'s builds need and is missing: the development marketplace (initialised with its
     * own key and added to the development home) and {@code publisher}'s development key, trusted in that home.
     *
     * @param lifecycle    the development home's lifecycle ({@link #create} first)
     * @param marketplaces the development home's marketplaces
     * @return the publisher's development key
     */
    public SigningKey prepare(String publisher, Lifecycle lifecycle, Marketplaces marketplaces) throws Exception {
        if (!lifecycle.home().root().equals(home().root())) {
            throw new IllegalArgumentException("the lifecycle is not the development home's: " + lifecycle.home().root());
        }
        if (!Files.exists(marketplace().resolve("root.json"))) {
            TufRepository.init(marketplace(), marketplaceKey(), lifecycle.clock());
        }
        if (marketplaces.find(MARKETPLACE).isEmpty()) {
            // added before any publisher is trusted here, so no publisher's name can be taken for the marketplace's
            try (Marketplaces.Proposal proposal = marketplaces.propose(MARKETPLACE, marketplace().toString(),
                    Optional.of(MarketplaceKind.STATIC))) {
                marketplaces.add(proposal);
            }
        }
        SigningKey key = keys.keyFor(publisher);
        PublisherEntry entry = keys.entry(publisher);
        boolean trusted = lifecycle.trust().load().find(publisher)
                .map(p -> p.entry().key(key.keyId()).isPresent()).orElse(false);
        if (!trusted) {
            lifecycle.change("trust add " + publisher, state -> {
                PublisherEntry added = lifecycle.trust().add(entry, lifecycle.clock().instant());
                return Change.audited(AuditEvent.TRUST_ADD, Optional.empty(), Map.of("publisher", added.id(),
                        "namespaces", List.copyOf(added.namespaces()), "keys", List.of(key.keyId().hex()),
                        "development", true), added);
            });
        }
        return key;
    }

    /** The development marketplace's metadata key, made on first use beside the marketplace (never inside it). */
    SigningKey marketplaceKey() throws WardenException, IOException {
        Path file = folder.resolve("marketplace.key");
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return KeyFiles.read(file);
        }
        SigningKey key = SigningKey.generate(MARKETPLACE_KEY_OWNER, new SecureRandom()).asDevelopmentKey();
        Files.createDirectories(folder);
        KeyFiles.write(key, file);
        return key;
    }
}
