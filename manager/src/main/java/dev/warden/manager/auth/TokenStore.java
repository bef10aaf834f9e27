package dev.warden.manager.auth;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.AtomicFiles;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.manager.runtime.SecretStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OAuth tokens of remote MCP servers: {@code $WARDEN_HOME/auth/tokens.json}, mode 0600 in a folder of mode 0700,
 * replaced atomically ({@link AtomicFiles#writeOwnerOnly}), and the only file that ever holds a token. A file that
 * others may read is refused; a damaged one is described without its content.
 */
public final class TokenStore {

    static final String FILE = "tokens.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Each process's changes are one at a time; processes replace the whole file atomically. */
    private static final Object LOCK = new Object();

    private final Path folder;
    private final Path file;

    /** @param wardenHome the state folder; the tokens live in its {@code auth} folder, created when first needed */
    public TokenStore(Path wardenHome) {
        this.folder = Objects.requireNonNull(wardenHome, "wardenHome").toAbsolutePath().normalize().resolve("auth");
        this.file = folder.resolve(FILE);
    }

    /** @return the token file */
    public Path file() {
        return file;
    }

    /** @return every stored token, by plugin and server; empty if none */
    public List<StoredToken> list() throws AuthException {
        synchronized (LOCK) {
            return read();
        }
    }

    /** @return the tokens of the plugin's server, if stored */
    public Optional<StoredToken> find(PluginId plugin, String server) throws AuthException {
        return list().stream().filter(t -> t.plugin().equals(plugin) && t.server().equals(server)).findFirst();
    }

    /** Stores the tokens, replacing those of the same plugin and server. */
    public void put(StoredToken token) throws AuthException {
        synchronized (LOCK) {
            List<StoredToken> tokens = new ArrayList<>(read());
            tokens.removeIf(t -> t.plugin().equals(token.plugin()) && t.server().equals(token.server()));
            tokens.add(token);
            write(tokens);
        }
    }

    /** @return the tokens removed, those {@code which} holds for; nothing is written when none is */
    public List<StoredToken> remove(Predicate<StoredToken> which) throws AuthException {
        synchronized (LOCK) {
            List<StoredToken> tokens = new ArrayList<>(read());
            List<StoredToken> removed = tokens.stream().filter(which).toList();
            if (!removed.isEmpty()) {
                tokens.removeAll(removed);
                write(tokens);
            }
            return removed;
        }
    }

    private List<StoredToken> read() throws AuthException {
        byte[] bytes;
        try {
            SecretStore.checkOwnerOnly(file);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw AuthException.error(e.getMessage());
        }
        List<StoredToken> tokens = new ArrayList<>();
        try {
            JsonNode root = StrictJson.standard().read(bytes);
            for (JsonNode entry : root.required("tokens")) {
                tokens.add(new StoredToken(PluginId.parse(text(entry, "plugin")), text(entry, "server"),
                        text(entry, "resource"), text(entry, "issuer"), URI.create(text(entry, "tokenEndpoint")),
                        optional(entry, "revocationEndpoint").map(URI::create), text(entry, "clientId"),
                        text(entry, "accessToken"), optional(entry, "refreshToken"),
                        optional(entry, "expiresAt").map(Instant::parse), optional(entry, "scope"),
                        Instant.parse(text(entry, "obtainedAt"))));
            }
        } catch (StrictJsonException | RuntimeException e) {
            throw AuthException.error(file + " is damaged; Warden wrote it, so something else changed it: remove it"
                    + " and sign in again with 'warden auth login'");
        }
        return tokens;
    }

    private void write(List<StoredToken> tokens) throws AuthException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("tokens");
        tokens.stream().sorted(Comparator.comparing((StoredToken t) -> t.plugin().toString()).thenComparing(StoredToken::server))
                .forEach(t -> {
                    ObjectNode entry = list.addObject();
                    entry.put("plugin", t.plugin().toString());
                    entry.put("server", t.server());
                    entry.put("resource", t.resource());
                    entry.put("issuer", t.issuer());
                    entry.put("tokenEndpoint", t.tokenEndpoint().toString());
                    t.revocationEndpoint().ifPresent(u -> entry.put("revocationEndpoint", u.toString()));
                    entry.put("clientId", t.clientId());
                    entry.put("accessToken", t.accessToken());
                    t.refreshToken().ifPresent(r -> entry.put("refreshToken", r));
                    t.expiresAt().ifPresent(at -> entry.put("expiresAt", at.toString()));
                    t.scope().ifPresent(s -> entry.put("scope", s));
                    entry.put("obtainedAt", t.obtainedAt().toString());
                });
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            AtomicFiles.deleteTemporaryFiles(folder);
            AtomicFiles.writeOwnerOnly(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AuthException.error("could not write " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode entry, String member) {
        JsonNode value = entry.required(member);
        if (!value.isString()) {
            throw new IllegalArgumentException(member);
        }
        return value.stringValue();
    }

    private static Optional<String> optional(JsonNode entry, String member) {
        JsonNode value = entry.get(member);
        return value == null || !value.isString() ? Optional.empty() : Optional.of(value.stringValue());
    }
}
