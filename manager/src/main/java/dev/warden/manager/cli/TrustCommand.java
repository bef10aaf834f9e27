package dev.warden.manager.cli;

import dev.warden.catalog.state.AuditEvent;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.devtools.DevelopmentKeys;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.review.LookAlikes;
import dev.warden.signing.KeyId;
import dev.warden.signing.PublisherEntries;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.TrustDirectory;
import dev.warden.signing.TrustSource;
import dev.warden.signing.TrustedKey;
import dev.warden.signing.TrustedPublisher;
import dev.warden.signing.TrustedPublishers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {
            "Manage the publishers whose signatures you accept.",
            "",
            "The trusted-publisher directory says whose signatures Warden accepts, for which namespaces.",
            "Your entries live in $WARDEN_HOME/trust/publishers; an admin's entries in the system folder",
            "($WARDEN_SYSTEM_DIR/trust/publishers, default /etc/warden/...) win and cannot be changed here."
        },
        subcommands = {TrustCommand.Add.class, TrustCommand.ListEntries.class, TrustCommand.Revoke.class,
            TrustCommand.Remove.class})
final class TrustCommand extends CommandGroup {

    static TrustDirectory directory(WardenHome home) {
        return new TrustDirectory(home.userTrustDir(), home.systemTrustDir());
    }

    static List<String> keyIds(PublisherEntry entry) {
        return entry.keys().stream().map(k -> k.keyId().hex()).toList();
    }

    static String status(TrustedKey key, Instant now) {
        if (key.revoked().isPresent()) {
            return "revoked " + key.revoked().get().at() + ": " + UnsafeCharacters.escape(key.revoked().get().reason());
        }
        if (now.isBefore(key.notBefore())) {
            return "not valid before " + key.notBefore();
        }
        if (!now.isBefore(key.notAfter())) {
            return "expired " + key.notAfter();
        }
        return "valid until " + key.notAfter();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Trust a publisher's signing keys.", "",
                "Shows the key fingerprints and namespaces and asks before adding.",
                "Adding a known publisher again adds its new keys; a revoked key stays revoked."},
            footer = {"", "Example:", "  warden trust add acme.pub.json"})
    static final class Add extends BaseCommand {

        @Parameters(paramLabel = "FILE.pub.json", description = "The publisher's directory entry (from 'warden keys generate').")
        Path file;

        @Option(names = "--yes", description = "Trust without asking (for scripts; you vouch for the fingerprint).")
        boolean yes;

        @Override
        int execute() throws Exception {
            PublisherEntry entry = PublisherEntries.read(file);
            if (!home().isDevelopmentHome() && DevelopmentKeys.isDevelopmentEntry(home(), file, entry, context().clock())) {
                throw CommandException.refused(file + " is the entry of a development key, which 'warden dev' made to sign your"
                        + " own builds: only the development home trusts it, never yours. To let people install your plugin,"
                        + " sign it with a real key ('warden keys generate', then 'warden release').");
            }
            TrustDirectory directory = directory(home());
            TrustedPublishers current = directory.load();
            Optional<TrustedPublisher> existing = current.find(entry.id());
            if (existing.isPresent() && existing.get().source() == TrustSource.SYSTEM) {
                throw CommandException.refused("publisher '" + entry.id() + "' is managed by your admin's system folder"
                        + " and cannot be changed here");
            }
            Instant now = context().clock().instant();
            PrintWriter out = out();
            out.printf("Publisher  %s (%s)%n", UnsafeCharacters.escape(entry.name()), entry.id());
            out.printf("May sign   plugins published as: %s%n", String.join(", ", entry.namespaces()));
            for (TrustedKey key : entry.keys()) {
                boolean known = existing.flatMap(p -> p.entry().key(key.keyId())).isPresent();
                out.printf("Key        %s  (%s)%s%n", key.keyId().fingerprint(), status(key, now), known ? " already trusted" : "");
            }
            List<String> lookAlikes = LookAlikes.of(entry.id(),
                    current.publishers().stream().map(p -> p.entry().id()).toList());
            if (!lookAlikes.isEmpty()) {
                out.println("WARNING    this id looks like a publisher you already trust: " + String.join(", ", lookAlikes)
                        + ". Make sure it is not an impostor.");
            }
            for (String name : marketplaces().entries().stream().map(m -> m.name()).toList()) {
                if (entry.namespaces().contains(name) || entry.id().equals(name)
                        || !LookAlikes.of(name, entry.namespaces()).isEmpty() || !LookAlikes.of(name, List.of(entry.id())).isEmpty()) {
                    out.println("WARNING    this publisher is named like the marketplace '" + name + "' you added. Its plugins"
                            + " are unverified (ids " + PublisherEntry.UNVERIFIED_PREFIX + name + "/...); they are not this publisher's.");
                }
            }
            if (existing.isPresent()) {
                out.println("Note       '" + entry.id() + "' is already trusted; its new keys will be added and the namespaces set as above.");
            }
            out.println("Compare the fingerprint with one the publisher gave you through another channel.");
            if (!confirm("Trust '" + entry.id() + "' to sign these plugins?", yes)) {
                throw CommandException.refused(context().interactive() || yes
                        ? "not trusted: nothing was changed"
                        : "not trusted: confirm at a terminal, or pass --yes if you have checked the fingerprint");
            }
            boolean replaced = existing.isPresent();
            PublisherEntry stored = lifecycle().change("trust add " + entry.id(), state -> {
                PublisherEntry added = directory.add(entry, now);
                return Change.audited(AuditEvent.TRUST_ADD, Optional.empty(), Map.of("publisher", added.id(),
                        "namespaces", List.copyOf(added.namespaces()), "keys", keyIds(added), "replaced", replaced), added);
            });
            out.printf("Trusted '%s' (%d key%s).%n", stored.id(), stored.keys().size(), stored.keys().size() == 1 ? "" : "s");
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show every trusted publisher and the state of its keys.")
    static final class ListEntries extends JsonCommand {

        @Override
        int execute() throws Exception {
            TrustedPublishers trusted = directory(home()).load();
            Instant now = context().clock().instant();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (TrustedPublisher p : trusted.publishers()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", p.entry().id());
                    row.put("name", p.entry().name());
                    row.put("namespaces", p.entry().namespaces());
                    row.put("source", p.source().name().toLowerCase(Locale.ROOT));
                    List<Map<String, Object>> keys = new ArrayList<>();
                    for (TrustedKey k : p.entry().keys()) {
                        Map<String, Object> key = new LinkedHashMap<>();
                        key.put("keyid", k.keyId().hex());
                        key.put("notBefore", k.notBefore().toString());
                        key.put("notAfter", k.notAfter().toString());
                        key.put("validNow", k.isValidAt(now));
                        key.put("revoked", k.revoked().map(r -> Map.of("at", r.at().toString(), "reason", r.reason())).orElse(null));
                        keys.add(key);
                    }
                    row.put("keys", keys);
                    rows.add(row);
                }
                return printJson(rows);
            }
            if (trusted.publishers().isEmpty()) {
                out().println("No trusted publishers yet. Add one with 'warden trust add FILE.pub.json'.");
                return ExitCode.OK;
            }
            for (TrustedPublisher p : trusted.publishers()) {
                out().printf("%s  %s  [%s]  namespaces: %s%n", p.entry().id(), UnsafeCharacters.escape(p.entry().name()),
                        p.source().name().toLowerCase(Locale.ROOT), String.join(", ", p.entry().namespaces()));
                for (TrustedKey k : p.entry().keys()) {
                    out().printf("    key %s  %s%n", k.keyId().fingerprint(), status(k, now));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Stop trusting a publisher's keys.", "",
                "Revokes all keys, or one with --key. Bundles they signed no longer",
                "verify. The revocation stays even if the publisher's entry is added again."},
            footer = {"", "Example:", "  warden trust revoke acme --key 3f2a9c... --reason \"key leaked\""})
    static final class Revoke extends BaseCommand {

        @Parameters(paramLabel = "ID", description = "The publisher id.")
        String id;

        @Option(names = "--key", paramLabel = "KEYID", description = "Revoke only this key (its 64-hex key id).")
        String keyId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Override
        int execute() throws Exception {
            Optional<KeyId> key;
            try {
                key = Optional.ofNullable(keyId).map(k -> new KeyId(k.replace(" ", "").toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandException(ExitCode.USAGE, "--key: " + e.getMessage());
            }
            if (reason.isBlank()) {
                throw new CommandException(ExitCode.USAGE, "--reason must say why");
            }
            TrustDirectory directory = directory(home());
            Instant now = context().clock().instant();
            PublisherEntry entry = lifecycle().change("trust revoke " + id, state -> {
                PublisherEntry changed = directory.revoke(id, key, reason, now);
                return Change.audited(AuditEvent.TRUST_REVOKE, Optional.empty(), Map.of("publisher", changed.id(),
                        "keys", key.map(k -> List.of(k.hex())).orElse(keyIds(changed)), "reason", reason), changed);
            });
            long revoked = entry.keys().stream().filter(k -> k.revoked().isPresent()).count();
            out().printf("Revoked %s of '%s' (%d of %d keys now revoked).%n",
                    key.map(k -> "key " + k.fingerprint()).orElse("every key"), id, revoked, entry.keys().size());
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Forget a publisher you trusted; its bundles no longer verify.")
    static final class Remove extends BaseCommand {

        @Parameters(paramLabel = "ID", description = "The publisher id.")
        String id;

        @Override
        int execute() throws Exception {
            TrustDirectory directory = directory(home());
            lifecycle().change("trust remove " + id, state -> {
                directory.remove(id);
                return Change.audited(AuditEvent.TRUST_REMOVE, Optional.empty(), Map.of("publisher", id), id);
            });
            out().printf("Removed '%s' from your trusted publishers.%n", id);
            return ExitCode.OK;
        }
    }
}
