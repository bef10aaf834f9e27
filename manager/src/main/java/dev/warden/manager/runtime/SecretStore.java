package dev.warden.manager.runtime;

import dev.warden.io.AtomicFiles;
import dev.warden.io.JsonPath;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * The secrets the person stored with {@code warden secret set}: one JSON file,
 * {@code $WARDEN_HOME/secrets/secrets.json}, mode 0600 in a folder of mode 0700, replaced atomically
 * (a temporary file created with mode 0600, synced, renamed over the old one).
 *
 * <p>One file rather than one per name keeps names case-sensitive on every file system and makes a
 * change a single rename. A value never appears in an exception message, in {@code toString} or in
 * what {@link #list} returns; a damaged file is described by line and column only, never by its
 * content. Changes are made under Warden's state lock, so one process writes at a time; a file that
 * others may read is refused rather than used.
 */
public final class SecretStore implements SecretSource {

    /** The longest value stored, in characters. */
    public static final int MAX_VALUE_CHARS = 64 * 1024;
    static final String FILE = "secrets.json";
    /**
     * Longer than a {@code secret.use} scope's name may be (64): the values of a plugin's {@code ${user_config.NAME}}
     * are stored as {@code <publisher>_<name>__NAME}.
     */
    private static final int MAX_NAME_LENGTH = 128;
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * A stored secret as it may be shown: its name and when it was set, never its value.
     *
     * @param name  the secret's name
     * @param setAt when {@code warden secret set} last stored it
     */
    public record Entry(String name, Instant setAt) {
    }

    /** A value and when it was set; its {@code toString} hides the value. */
    private record Secret(String value, Instant setAt) {
        @Override
        public String toString() {
            return "Secret[value=(hidden), setAt=" + setAt + "]";
        }
    }

    private final Path folder;
    private final Path file;

    /** @param wardenHome the state folder; the secrets live in its {@code secrets} folder, created when first needed */
    public SecretStore(Path wardenHome) {
        this.folder = Objects.requireNonNull(wardenHome, "wardenHome").toAbsolutePath().normalize().resolve("secrets");
        this.file = folder.resolve(FILE);
    }

    /**
     * @param name a candidate name
     * @return true if it is a secret name: 1 to 128 letters, digits, {@code _} or {@code -} (a {@code secret.use}
     *         grant names at most 64)
     */
    public static boolean isName(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME_LENGTH
                && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '-');
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException if the store cannot be read, is damaged, or others may read it
     */
    @Override
    public synchronized Optional<String> value(String name) {
        if (!isName(name)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read().get(name)).map(Secret::value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the stored secrets, sorted by name, without their values; empty if none is stored */
    public synchronized List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        read().forEach((name, secret) -> entries.add(new Entry(name, secret.setAt())));
        return List.copyOf(entries);
    }

    /**
     * Stores a value, replacing the one stored under that name.
     *
     * @return true if a value was replaced, false if the name is new
     * @throws IllegalArgumentException if the name is not a secret name, or the value is empty or
     *                                  longer than {@value #MAX_VALUE_CHARS} characters (the message never holds the value)
     * @throws IOException              if the store cannot be read or written
     */
    public synchronized boolean set(String name, String value, Instant now) throws IOException {
        requireName(name);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(now, "now");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the value of secret '" + name + "' is empty");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("the value of secret '" + name + "' is longer than "
                    + MAX_VALUE_CHARS + " characters");
        }
        Map<String, Secret> secrets = read();
        boolean replaced = secrets.put(name, new Secret(value, now)) != null;
        write(secrets);
        return replaced;
    }

    /**
     * Forgets a stored secret.
     *
     * @return true if it was stored, false if there was nothing to remove
     * @throws IllegalArgumentException if the name is not a secret name
     * @throws IOException              if the store cannot be read or written
     */
    public synchronized boolean remove(String name) throws IOException {
        requireName(name);
        Map<String, Secret> secrets = read();
        if (secrets.remove(name) == null) {
            return false;
        }
        write(secrets);
        return true;
    }

    /**
     * @param name a candidate name
     * @return the name, if {@link #isName} holds
     * @throws IllegalArgumentException naming the name and the rule, if it does not
     */
    public static String requireName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("'" + PluginInput.shown(String.valueOf(name)) + "' is not a secret name:"
                    + " use 1 to 128 letters, digits, '_' or '-', as in a secret.use grant secret:NAME@host");
        }
        return name;
    }

    private Map<String, Secret> read() throws IOException {
        Map<String, Secret> secrets = new TreeMap<>();
        byte[] bytes;
        try {
            checkOwnerOnly(file);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return secrets;
        }
        JsonNode root;
        try {
            root = StrictJson.standard().read(bytes);
        } catch (StrictJsonException e) {
            // the parser's message may quote the bytes it choked on, which may be part of a value
            JsonProblem problem = e.problem();
            throw damaged(problem.kind() == JsonProblem.Kind.MALFORMED ? "not JSON" + problem.where()
                    : "not JSON at " + problem.path());
        }
        expect(root.isObject(), JsonPath.ROOT);
        JsonNode list = root.get("secrets");
        if (list != null) {
            String listPath = JsonPath.child(JsonPath.ROOT, "secrets");
            expect(list.isObject(), listPath);
            for (Map.Entry<String, JsonNode> member : list.properties()) {
                String name = member.getKey();
                String path = JsonPath.child(listPath, name);
                expect(isName(name) && member.getValue().isObject(), path);
                secrets.put(name, secret(member.getValue(), path));
            }
        }
        return secrets;
    }

    private Secret secret(JsonNode node, String path) throws IOException {
        String value = null;
        Instant setAt = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String fieldPath = JsonPath.child(path, field.getKey());
            expect(field.getValue().isString(), fieldPath);
            if (field.getKey().equals("value")) {
                value = field.getValue().stringValue();
            } else if (field.getKey().equals("setAt")) {
                try {
                    setAt = Instant.parse(field.getValue().stringValue());
                } catch (DateTimeParseException e) {
                    expect(false, fieldPath);
                }
            }
        }
        expect(value != null && !value.isEmpty() && setAt != null, path);
        return new Secret(value, setAt);
    }

    private void expect(boolean condition, String path) throws IOException {
        if (!condition) {
            throw damaged("unexpected content at " + path);
        }
    }

    private void write(Map<String, Secret> secrets) throws IOException {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        removeLeftovers();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
            out.writeStartObject();
            out.writeName("secrets");
            out.writeStartObject();
            for (Map.Entry<String, Secret> secret : secrets.entrySet()) {
                out.writeName(secret.getKey());
                out.writeStartObject();
                out.writeStringProperty("value", secret.getValue().value());
                out.writeStringProperty("setAt", secret.getValue().setAt().toString());
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        bytes.write('\n');
        AtomicFiles.writeOwnerOnly(file, bytes.toByteArray());
    }

    /** Temporary files a crash left behind hold values too: they go before the next change. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "." + FILE + ".*")) {
            for (Path entry : entries) {
                if (AtomicFiles.isTemporary(entry) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(entry);
                }
            }
        }
    }

    /**
     * @throws IOException naming the file and what to do, if it is a link or others may read or change it (the
     *                     OAuth token file is held to the same rule)
     */
    public static void checkOwnerOnly(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a link; Warden stores secrets only in its own file: remove the link");
        }
        Set<PosixFilePermission> open = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        open.retainAll(OTHERS);
        if (!open.isEmpty()) {
            throw new IOException(file + " may be read or changed by other users (mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                    + "); Warden uses it only when it is its owner's alone: run chmod 600 " + file);
        }
    }

    private IOException damaged(String what) {
        return new IOException(file + " is damaged (" + what + "); Warden wrote it, so something else changed it:"
                + " remove it and store the secrets again with 'warden secret set NAME'");
    }
}
