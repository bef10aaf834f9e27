package dev.warden.manager.testing;

import dev.warden.catalog.state.AuditEntry;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.AuditLog;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustDirectory;
import dev.warden.signing.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Warden home in a temporary folder, for tests that call the lifecycle commands directly and look at what they
 * return, the state and the audit log: one publisher key, bundles packed and signed with the library.
 */
public final class TestHome {

    private final Path temp;
    private final WardenHome home;
    private final SigningKey key;

    /** @param publisher the id of the publisher whose key signs {@link #signed} bundles */
    public TestHome(Path temp, String publisher) {
        this.temp = temp;
        this.home = new WardenHome(temp.resolve("home"), temp.resolve("system"), temp.resolve("person"));
        this.key = SigningKey.generate(publisher, new SecureRandom());
    }

    /** Trusts the publisher's key, as {@code warden trust add} does. */
    public TestHome trusted() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PublisherEntry entry = new PublisherEntry(key.publisher(), key.publisher(), List.of(key.publisher()),
                List.of(new TrustedKey(key.publicKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), Optional.empty())));
        new TrustDirectory(home.userTrustDir(), home.systemTrustDir()).add(entry, now);
        return this;
    }

    /** Writes the system policy file. */
    public TestHome policy(String json) throws Exception {
        Files.createDirectories(home.systemDir());
        Files.writeString(home.systemDir().resolve("policy.json"), json);
        return this;
    }

    /** A bundle of {@code source} signed by the publisher's key. */
    public Path signed(PluginSource source, String name) throws Exception {
        Path bundle = unsigned(source, name);
        BundleSigner.sign(bundle, key, BundleLimits.defaults());
        return bundle;
    }

    /** A bundle of {@code source} no one signed. */
    public Path unsigned(PluginSource source, String name) throws Exception {
        Path src = source.writeTo(temp.resolve("src").resolve(name));
        Path bundle = temp.resolve("bundles").resolve(name + ".wpk");
        Files.createDirectories(bundle.getParent());
        BundleWriter.pack(src, bundle, BundleLimits.defaults());
        return bundle;
    }

    /** The lifecycle a command would open, showing reviews to and asking the person through {@code consent}. */
    public Lifecycle lifecycle(Consent consent) throws Exception {
        return Lifecycle.open(home, Map.of(), Clock.systemUTC(), consent);
    }

    /** A lifecycle with no person to ask. */
    public Lifecycle lifecycle() throws Exception {
        return lifecycle(Consent.none());
    }

    public WardenHome home() {
        return home;
    }

    public StateStore store() {
        return new StateStore(home.root());
    }

    public WardenState state() throws Exception {
        return store().read();
    }

    /** The events of the audit log, in order. */
    public List<String> events() throws Exception {
        return new AuditLog(store().auditDir()).read(Optional.empty()).stream().map(AuditEntry::event).toList();
    }

    /** The last audit entry of {@code event}. */
    public AuditEntry last(AuditEvent event) throws Exception {
        List<AuditEntry> entries = new AuditLog(store().auditDir()).read(Optional.empty());
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).event().equals(event.id())) {
                return entries.get(i);
            }
        }
        throw new AssertionError("no " + event + " entry in " + entries.stream().map(AuditEntry::event).toList());
    }
}
