package dev.warden.catalog.state;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.AtomicFiles;
import dev.warden.io.CrashPoint;
import dev.warden.io.Digests;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The append-only audit log {@code audit/audit.jsonl}: one JSON object per line, each carrying the hash
 * of the one before, so that editing, removing or reordering lines breaks the chain. {@code audit/head.json}
 * records the last entry's number and hash, so that cutting lines off the end is noticed too.
 *
 * <p>This makes tampering evident, not impossible: someone able to rewrite every line and
 * {@code head.json} can forge a consistent log. Callers must never pass secret values (tokens, passwords,
 * secret contents) in details: the log is plain text and kept forever.
 *
 * <p>Several processes may append at once: appends are serialised by a lock on {@code audit/.lock}. An
 * append interrupted by a crash leaves an unterminated last line, which the next append removes (it was
 * never acknowledged) and {@link #read} skips, or a complete line that {@code head.json} does not vouch for
 * yet. Such a line cannot be told from one added by hand, so it is never accepted silently: the next append
 * first writes a {@code audit.recovered} entry naming it, and {@link #verify} reports every recovery.
 *
 * @since 0.1
 */
public final class AuditLog {

    static final String LOG = "audit.jsonl";
    static final String HEAD = "head.json";
    private static final String LOCK = ".lock";
    /** The event of an entry that accepts, on the record, an entry whose append did not finish. */
    private static final String RECOVERED = AuditEvent.AUDIT_RECOVERED.id();
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9]*([._-][a-z0-9]+)*");
    private static final Set<String> ENTRY_FIELDS = Set.of("seq", "time", "event", "plugin", "details", "prev", "hash");
    private static final Set<String> HEAD_FIELDS = Set.of("seq", "hash");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String ADVICE = "run `warden audit verify` to see what is wrong; to start a new log, move "
            + "the audit folder aside (keep it as evidence)";
    /** FileChannel locks are per process: threads of one process queue here first. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;
    private CrashPoint crash = CrashPoint.NONE;

    /** @param auditDir the audit folder, usually {@link StateStore#auditDir()}; created on the first append */
    public AuditLog(Path auditDir) {
        this.dir = Objects.requireNonNull(auditDir, "auditDir").toAbsolutePath().normalize();
    }

    /** Lets tests stop an append at any step, as a crash would. */
    void crashPoint(CrashPoint point) {
        this.crash = Objects.requireNonNull(point);
    }

    /**
     * Appends one entry and makes it durable (fsync) before returning. Never pass secret values in
     * {@code details}.
     *
     * @param event   what happened
     * @param plugin  the plugin it concerns, if any
     * @param details more about it: strings, whole numbers, finite numbers, booleans, lists and string-keyed maps
     * @param now     when it happened
     * @return the entry as written (and as {@link #read} returns it)
     * @throws IllegalArgumentException if a detail breaks these rules
     * @throws StateException           if the log cannot be written, its last line is corrupt, or it no longer
     *                                  matches {@code head.json} (cut or edited): the chain is not extended
     */
    public AuditEntry append(AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details, Instant now)
            throws StateException {
        return append(Objects.requireNonNull(event, "event").id(), plugin, details, now);
    }

    /**
     * As {@link #append(AuditEvent, Optional, Map, Instant)} with an event by name: lowercase words joined by
     * {@code .}, {@code -} or {@code _}. Only this package's tests name events that are not {@link AuditEvent}s.
     */
    AuditEntry append(String event, Optional<PluginId> plugin, Map<String, ?> details, Instant now)
            throws StateException {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(now, "now");
        if (!EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException("audit event " + UnsafeCharacters.quote(event)
                    + " must be lowercase words joined by '.', '-' or '_', e.g. plugin.install");
        }
        ObjectNode detailsNode = AuditDetails.toJson(Objects.requireNonNull(details, "details"));
        return underLock(true, () -> {
            AtomicFiles.deleteTemporaryFiles(dir);
            Path logFile = dir.resolve(LOG);
            try (FileChannel log = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                Tail tail = Tail.of(log);
                if (tail.tornFrom() < log.size()) {
                    // an append that crashed before its line ended; it was never acknowledged
                    log.truncate(tail.tornFrom());
                    log.force(true);
                }
                AuditHead last = AuditHead.NONE;
                Optional<AuditHead> stored = readHead();
                if (tail.lastLine().isPresent()) {
                    AuditEntry lastEntry = parseLastLine(tail, log).entry();
                    last = new AuditHead(lastEntry.seq(), lastEntry.hash());
                    if (checkAnchor(stored, lastEntry)) {
                        last = write(log, last, RECOVERED, Optional.empty(),
                                AuditDetails.toJson(recoveryDetails(lastEntry, stored.orElse(AuditHead.NONE))), now).head();
                    }
                } else if (stored.orElse(AuditHead.NONE).seq() != 0) {
                    throw new StateException(logFile + " is empty but " + dir.resolve(HEAD) + " records entry "
                            + stored.get().seq() + ": the log was cut; " + ADVICE);
                }
                return write(log, last, event, plugin, detailsNode, now).entry();
            }
        });
    }

    /** An entry as written, and the head that now points at it. */
    private record Written(AuditEntry entry, AuditHead head) {
    }

    /** Writes one line after {@code last}, makes it durable, then moves {@code head.json} to it. */
    private Written write(FileChannel log, AuditHead last, String event, Optional<PluginId> plugin, ObjectNode detailsNode,
            Instant now) throws IOException, StateException {
        ObjectNode node = StateJson.NODES.objectNode();
        long seq = last.seq() + 1;
        node.put("seq", seq);
        node.put("time", now.toString());
        node.put("event", event);
        plugin.ifPresent(id -> node.put("plugin", id.toString()));
        node.set("details", detailsNode);
        node.put("prev", last.hash());
        String hash = Digests.sha256Hex(StateJson.canonical(node));
        node.put("hash", hash);
        byte[] line = (StateJson.canonical(node) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(line);
        long at = log.size();
        while (buffer.hasRemaining()) {
            at += log.write(buffer, at);
        }
        log.force(true);
        crash.reached(event + ": line written");
        AtomicFiles.write(dir.resolve(HEAD), headJson(seq, hash));
        crash.reached(event + ": head written");
        AuditEntry entry = new AuditEntry(seq, now, event, plugin,
                AuditDetails.fromJson(detailsNode, source(0), "$.details"), last.hash(), hash);
        return new Written(entry, new AuditHead(seq, hash));
    }

    private static Map<String, Object> recoveryDetails(AuditEntry unvouched, AuditHead head) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entry", unvouched.seq());
        details.put("hash", unvouched.hash());
        details.put("event", unvouched.event());
        details.put("headSeq", head.seq());
        details.put("headHash", head.hash());
        details.put("reason", "head.json did not vouch for this entry: an append was interrupted before it"
                + " recorded it (or the line was added outside Warden); it is accepted from here on");
        return details;
    }

    /**
     * The head as {@code head.json} records it: the last entry whose append finished.
     *
     * @return the head; empty when there is no {@code head.json}
     * @throws StateException if {@code head.json} cannot be read or is malformed
     */
    public Optional<AuditHead> head() throws StateException {
        return readHead();
    }

    /**
     * Reads the log without checking the chain (see {@link #verify()}); an unterminated last line, left by an
     * interrupted append, is skipped.
     *
     * @param plugin only entries about this plugin; empty for all entries
     * @return the entries in log order; empty if there is no log
     * @throws StateException if the log cannot be read or a line is not a valid entry (naming the line)
     */
    public List<AuditEntry> read(Optional<PluginId> plugin) throws StateException {
        Objects.requireNonNull(plugin, "plugin");
        Lines lines = readLines();
        List<AuditEntry> entries = new ArrayList<>();
        int complete = lines.terminated() ? lines.texts().size() : lines.texts().size() - 1;
        for (int i = 0; i < complete; i++) {
            AuditEntry entry = parseLine(lines.texts().get(i), i + 1).entry();
            if (plugin.isEmpty() || entry.plugin().equals(plugin)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * Checks the log alone, as {@link #verify(Optional, boolean)} with nothing known about the state.
     *
     * @return the number of lines and the first bad line with what is wrong with it
     * @throws StateException if the log or {@code head.json} cannot be read at all
     */
    public AuditVerification verify() throws StateException {
        return verify(Optional.empty(), false);
    }

    /**
     * Checks every line: that it parses, that entries are numbered 1, 2, 3, ... without gaps, that each
     * {@code prev} is the hash of the line before, that each {@code hash} matches its line's content, that
     * the last entry is the one {@code head.json} records (so a cut tail, and a line added after the last
     * append, are found), and that every {@code audit.recovered} entry names the entry just before it. Then
     * checks the log against the state it explains: the entry the last state commit recorded must be in the
     * log with that hash, and a log with installed plugins is never empty.
     *
     * <p>A head one entry behind is not accepted here: the entry may have been added by hand. The next append
     * accepts it on the record (a {@code audit.recovered} entry), and from then on this check reports the recovery.
     *
     * @param committed        the audit head recorded by the last state commit, if it recorded one
     * @param pluginsInstalled whether the state has plugins installed (so changes were audited)
     * @return the number of lines and the first bad line with what is wrong with it
     * @throws StateException if the log or {@code head.json} cannot be read at all
     */
    public AuditVerification verify(Optional<AuditHead> committed, boolean pluginsInstalled) throws StateException {
        Objects.requireNonNull(committed, "committed");
        if (!Files.isDirectory(dir)) {
            return againstState(new Chain(List.of(), List.of()), committed, pluginsInstalled)
                    .orElse(new AuditVerification(0, Optional.empty(), "no audit log yet (" + dir + " does not exist)"));
        }
        return underLock(false, () -> {
            Lines lines = readLines();
            List<String> texts = lines.texts();
            long n = texts.size();
            String prevHash = StateJson.ZERO_HASH;
            List<String> hashes = new ArrayList<>();
            List<AuditEntry> recoveries = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                long lineNo = i + 1;
                Parsed parsed;
                try {
                    parsed = parseLine(texts.get(i), new JsonFields.Source("line " + lineNo, ""));
                } catch (StateException e) {
                    return bad(n, lineNo, e.getMessage());
                }
                AuditEntry entry = parsed.entry();
                if (!parsed.computedHash().equals(entry.hash())) {
                    return bad(n, lineNo, "line " + lineNo + " was edited: its content does not match its hash");
                }
                if (entry.seq() != lineNo) {
                    return bad(n, lineNo, describeOutOfOrder(texts, i, entry.seq()));
                }
                if (!entry.prev().equals(prevHash)) {
                    return bad(n, lineNo, "line " + lineNo + " does not follow line " + (lineNo - 1)
                            + ": its prev is not the hash of the entry before it (a line before it was replaced)");
                }
                if (lineNo == n && !lines.terminated()) {
                    return bad(n, lineNo, "line " + lineNo + " has no line end: an append was interrupted or the line was added by hand");
                }
                if (entry.event().equals(RECOVERED)) {
                    if (!Long.valueOf(lineNo - 1).equals(entry.details().get("entry")) || !prevHash.equals(entry.details().get("hash"))) {
                        return bad(n, lineNo, "line " + lineNo + " records the recovery of an entry it does not follow:"
                                + " it was written outside Warden");
                    }
                    recoveries.add(entry);
                }
                prevHash = entry.hash();
                hashes.add(entry.hash());
            }
            Optional<AuditHead> stored;
            try {
                stored = readHead();
            } catch (StateException e) {
                return bad(n, n + 1, e.getMessage());
            }
            AuditHead head = stored.orElse(AuditHead.NONE);
            String headName = dir.resolve(HEAD).toString();
            if (stored.isEmpty() && n > 1) {
                return bad(n, 2, headName + " is missing: lines from 2 on cannot be vouched for, and a cut tail would go"
                        + " unnoticed; restore it from a backup if there is one");
            }
            if (head.seq() > n) {
                return bad(n, n + 1, "the log ends at entry " + n + " but " + headName + " records entry " + head.seq()
                        + ": the tail was cut (" + (head.seq() == n + 1 ? "entry " + head.seq() + " is"
                                : "entries " + (n + 1) + "-" + head.seq() + " are") + " missing)");
            }
            String hashAtHead = head.seq() == 0 ? StateJson.ZERO_HASH : hashes.get((int) head.seq() - 1);
            if (!hashAtHead.equals(head.hash())) {
                long line = Math.max(1, head.seq());
                return bad(n, line, "line " + line + " does not match " + headName
                        + ": the entry recorded there was replaced");
            }
            if (head.seq() < n) {
                long line = head.seq() + 1;
                return bad(n, line, (line == n ? "line " + line + " comes" : "lines from " + line + " on come")
                        + " after the last finished append (" + headName + " records entry " + head.seq()
                        + "): added outside Warden, or Warden was stopped while appending"
                        + (line == n ? "; in that case the next Warden command that records a change accepts it on the"
                                + " record (" + RECOVERED + ") and this check passes again" : ""));
            }
            Chain chain = new Chain(hashes, recoveries);
            Optional<AuditVerification> stateProblem = againstState(chain, committed, pluginsInstalled);
            if (stateProblem.isPresent()) {
                return stateProblem.get();
            }
            String message = n + " entries, chain intact";
            if (!recoveries.isEmpty()) {
                message += "; " + recoveries.size() + " interrupted append" + (recoveries.size() == 1 ? " was" : "s were")
                        + " accepted on the record: " + recoveries.stream().map(r -> "entry " + r.details().get("entry")
                                + " (" + r.details().get("event") + ", accepted by entry " + r.seq() + " at " + r.time() + ")")
                        .collect(java.util.stream.Collectors.joining(", "));
            }
            return new AuditVerification(n, Optional.empty(), message,
                    recoveries.stream().map(r -> r.seq() - 1).toList());
        });
    }

    /** What a chain that passed its own checks holds: each entry's hash in order, and the recoveries. */
    private record Chain(List<String> hashes, List<AuditEntry> recoveries) {
    }

    /** @return a problem when the log is shorter than, or differs from, what the state recorded */
    private Optional<AuditVerification> againstState(Chain chain, Optional<AuditHead> committed, boolean pluginsInstalled) {
        long n = chain.hashes().size();
        if (committed.isPresent()) {
            AuditHead recorded = committed.get();
            if (recorded.seq() > n) {
                return Optional.of(bad(n, n + 1, "the log " + (n == 0 ? "is empty" : "ends at entry " + n)
                        + " but Warden's last state commit recorded entry " + recorded.seq()
                        + ": the log is shorter than the state it explains (cut, emptied or deleted)"));
            }
            if (recorded.seq() > 0 && !chain.hashes().get((int) recorded.seq() - 1).equals(recorded.hash())) {
                return Optional.of(bad(n, recorded.seq(), "line " + recorded.seq() + " is not the entry Warden's last"
                        + " state commit recorded there: entries were replaced, reordered or the log was rewritten"));
            }
        }
        if (pluginsInstalled && n == 0) {
            return Optional.of(bad(0, 1, "plugins are installed but the log is empty: their installation was recorded"
                    + " in a log that was emptied or deleted"));
        }
        return Optional.empty();
    }

    // ---- lines

    private static AuditVerification bad(long entries, long line, String message) {
        return new AuditVerification(entries, Optional.of(line), message);
    }

    /** Tells a removed entry from reordered lines by looking for the expected entry further down. */
    private String describeOutOfOrder(List<String> texts, int index, long found) {
        long lineNo = index + 1;
        long expected = lineNo;
        if (found > expected) {
            for (int j = index + 1; j < texts.size(); j++) {
                Optional<Long> seq = seqOf(texts.get(j));
                if (seq.isPresent() && seq.get() == expected) {
                    return "line " + lineNo + " holds entry " + found + " but entry " + expected
                            + " comes later, at line " + (j + 1) + ": lines were reordered";
                }
            }
            return "line " + lineNo + " holds entry " + found + " where entry " + expected + " was expected: "
                    + (found - expected == 1 ? "entry " + expected + " was" : "entries " + expected + "-" + (found - 1) + " were")
                    + " removed before it";
        }
        return "line " + lineNo + " holds entry " + found + " where entry " + expected
                + " was expected: lines were reordered or repeated";
    }

    private static Optional<Long> seqOf(String text) {
        try {
            JsonNode node = StrictJson.standard().read(text);
            return node.path("seq").canConvertToLong() ? Optional.of(node.get("seq").longValue()) : Optional.empty();
        } catch (StrictJsonException e) {
            // a line that does not parse holds no entry number; it is reported when reached
            return Optional.empty();
        }
    }

    private JsonFields.Source source(long lineNo) {
        return new JsonFields.Source(dir.resolve(LOG) + " line " + lineNo, ADVICE);
    }

    /** An entry with the hash its content actually has. */
    private record Parsed(AuditEntry entry, String computedHash) {
    }

    private Parsed parseLine(String text, long lineNo) throws StateException {
        return parseLine(text, source(lineNo));
    }

    private Parsed parseLine(String text, JsonFields.Source source) throws StateException {
        if (text.isBlank()) {
            throw new StateException(source.name() + " is empty" + (source.advice().isEmpty() ? "" : "; " + source.advice()));
        }
        JsonNode node = StateJson.parse(text.getBytes(StandardCharsets.UTF_8), source.name(), source.advice());
        JsonFields fields = JsonFields.root(node, source).allowOnly(ENTRY_FIELDS);
        long seq = fields.integer("seq");
        if (seq < 1) {
            throw fields.problemAt("seq", "entries are numbered from 1");
        }
        Instant time = fields.instant("time");
        String event = fields.string("event");
        Optional<PluginId> plugin = Optional.empty();
        Optional<String> pluginText = fields.optionalString("plugin");
        if (pluginText.isPresent()) {
            try {
                plugin = Optional.of(PluginId.parse(pluginText.get()));
            } catch (IllegalArgumentException e) {
                throw fields.problemAt("plugin", e.getMessage());
            }
        }
        fields.object("details");
        Map<String, Object> details = AuditDetails.fromJson(node.get("details"), source, "$.details");
        String prev = hashField(fields, "prev");
        String hash = hashField(fields, "hash");
        ObjectNode withoutHash = ((ObjectNode) node).deepCopy();
        withoutHash.remove("hash");
        String computed = Digests.sha256Hex(StateJson.canonical(withoutHash));
        return new Parsed(new AuditEntry(seq, time, event, plugin, details, prev, hash), computed);
    }

    private Parsed parseLastLine(Tail tail, FileChannel log) throws StateException, IOException {
        try {
            return parseLine(tail.lastLine().orElseThrow(), 0);
        } catch (StateException e) {
            // counting lines costs a pass over the log; only worth it for the message
            return parseLine(tail.lastLine().orElseThrow(), tail.lastLineNumber(log));
        }
    }

    private static String hashField(JsonFields fields, String key) throws StateException {
        String value = fields.string(key);
        if (!HASH.matcher(value).matches()) {
            throw fields.problemAt(key, "must be a SHA-256 in 64 lowercase hex digits");
        }
        return value;
    }

    /** The log's lines, and whether the last one ended with a line break. */
    private record Lines(List<String> texts, boolean terminated) {
    }

    private Lines readLines() throws StateException {
        Path logFile = dir.resolve(LOG);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(logFile);
        } catch (NoSuchFileException e) {
            return new Lines(List.of(), true);
        } catch (IOException e) {
            throw new StateException("cannot read " + logFile + ": " + e + "; check its permissions", e);
        }
        List<String> texts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                texts.add(decode(bytes, start, i));
                start = i + 1;
            }
        }
        boolean terminated = start == bytes.length;
        if (!terminated) {
            texts.add(decode(bytes, start, bytes.length));
        }
        return new Lines(texts, terminated);
    }

    /** Decodes strictly; bytes that are not UTF-8 become U+FFFD, which no hash will match. */
    private static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return "\uFFFD not UTF-8";
        }
    }

    /** Where the last complete line of the log is, and where an unterminated remainder starts. */
    private record Tail(Optional<String> lastLine, long lastLineStart, long tornFrom) {

        private static final int CHUNK = 8192;

        static Tail of(FileChannel log) throws IOException {
            long size = log.size();
            long lastBreak = lastIndexOfBreak(log, size);
            if (lastBreak < 0) {
                return new Tail(Optional.empty(), 0, 0);
            }
            long start = lastIndexOfBreak(log, lastBreak) + 1;
            ByteBuffer line = ByteBuffer.allocate(Math.toIntExact(lastBreak - start));
            while (line.hasRemaining()) {
                if (log.read(line, start + line.position()) < 0) {
                    throw new IOException("the audit log shrank while being read");
                }
            }
            return new Tail(Optional.of(decode(line.array(), 0, line.capacity())), start, lastBreak + 1);
        }

        /** @return the position of the last line break before {@code end}, or -1 */
        private static long lastIndexOfBreak(FileChannel log, long end) throws IOException {
            long position = end;
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            while (position > 0) {
                int length = (int) Math.min(CHUNK, position);
                position -= length;
                buffer.clear().limit(length);
                while (buffer.hasRemaining()) {
                    if (log.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("the audit log shrank while being read");
                    }
                }
                for (int i = length - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        return position + i;
                    }
                }
            }
            return -1;
        }

        /** @return the 1-based number of the last complete line (counts line breaks before it) */
        long lastLineNumber(FileChannel log) throws IOException {
            long count = 0;
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long position = 0;
            while (position < lastLineStart) {
                buffer.clear().limit((int) Math.min(CHUNK, lastLineStart - position));
                int read = log.read(buffer, position);
                if (read < 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer.get(i) == '\n') {
                        count++;
                    }
                }
                position += read;
            }
            return count + 1;
        }
    }

    // ---- head

    private static byte[] headJson(long seq, String hash) {
        ObjectNode node = StateJson.NODES.objectNode();
        node.put("seq", seq);
        node.put("hash", hash);
        return StateJson.pretty(node);
    }

    private Optional<AuditHead> readHead() throws StateException {
        Path headFile = dir.resolve(HEAD);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(headFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read " + headFile + ": " + e + "; check its permissions", e);
        }
        JsonFields.Source source = new JsonFields.Source(headFile.toString(), ADVICE);
        JsonFields fields = JsonFields.root(StateJson.parse(bytes, source.name(), ADVICE), source).allowOnly(HEAD_FIELDS);
        long seq = fields.integer("seq");
        if (seq < 0) {
            throw fields.problemAt("seq", "must not be negative");
        }
        return Optional.of(new AuditHead(seq, hashField(fields, "hash")));
    }

    /**
     * Refuses to extend a log whose end does not match the head: that would bury the evidence.
     *
     * @return whether the last entry is not vouched for by the head (one append was interrupted, or a line was
     *         added outside Warden) and must be recovered, on the record, before anything else is appended
     */
    private boolean checkAnchor(Optional<AuditHead> stored, AuditEntry last) throws StateException {
        AuditHead head = stored.orElse(AuditHead.NONE);
        if (head.seq() == last.seq() && head.hash().equals(last.hash())) {
            return false;
        }
        if (head.seq() == last.seq() - 1 && head.hash().equals(last.prev())) {
            return true;
        }
        if (isRecoveryOf(last, head)) {
            // the recovery entry was written but the head was not moved to it: the recovery is on the record
            return false;
        }
        throw new StateException(dir.resolve(LOG) + " ends at entry " + last.seq() + " but " + dir.resolve(HEAD)
                + (stored.isPresent() ? " records entry " + head.seq() : " is missing")
                + ": the log was cut or edited, so it is not extended; " + ADVICE);
    }

    /** Whether {@code entry} records the recovery of the entry before it, written when the head was at {@code head}. */
    private static boolean isRecoveryOf(AuditEntry entry, AuditHead head) {
        return entry.event().equals(RECOVERED) && head.seq() == entry.seq() - 2
                && Long.valueOf(entry.seq() - 1).equals(entry.details().get("entry"))
                && entry.prev().equals(entry.details().get("hash"))
                && Long.valueOf(head.seq()).equals(entry.details().get("headSeq"))
                && head.hash().equals(entry.details().get("headHash"));
    }

    // ---- locking

    /** Work done while holding the audit lock. */
    @FunctionalInterface
    private interface Locked<T> {
        T run() throws IOException, StateException;
    }

    private <T> T underLock(boolean createFolder, Locked<T> work) throws StateException {
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(dir, d -> new ReentrantLock());
        inProcess.lock();
        try {
            if (createFolder) {
                Files.createDirectories(dir);
            }
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new StateException("cannot use the audit log in " + dir + ": " + e
                    + "; check free space and permissions there", e);
        } finally {
            inProcess.unlock();
        }
    }
}
