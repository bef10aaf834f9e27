package dev.warden.catalog.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every risk rule of Warden in one place: the reviewed table {@value #RESOURCE} beside this class,
 * read once. Each row says which scopes of which kinds are how risky and why, in the words the review
 * shows; the grammar of its patterns is written at the top of the table.
 */
final class RiskTable {

    static final String RESOURCE = "risk-rules.tsv";

    /**
     * One row of the table.
     *
     * @param line    its line number in the table, for messages and tests
     * @param pattern the pattern as written
     * @param reason  what the review shows a person to say why the permission has this risk
     */
    record Rule(int line, Set<PermissionKind> kinds, String pattern, Risk risk, String reason, RiskPattern match) {
        Rule {
            kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }
    }

    /** The risk of one scope and the row that decided it. */
    record Rating(Risk risk, Rule rule) {
        String reason() {
            return rule.reason();
        }
    }

    /** Loaded on first use, so a plugin that never rates a scope never reads the table. */
    private static final class Standard {
        static final RiskTable TABLE = load();
    }

    private final List<Rule> rules;
    private final Map<PermissionKind, List<Rule>> byKind;
    private final List<List<String>> secretLocations;

    // plain loops, no lambdas, streams or string concatenation here, in parse and in RiskPattern.compile:
    // every Warden command reads the table in a cold JVM, where each of those costs a one-time set-up
    private RiskTable(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<PermissionKind, List<Rule>> index = new EnumMap<>(PermissionKind.class);
        List<List<String>> secrets = new ArrayList<>();
        for (PermissionKind kind : PermissionKind.values()) {
            index.put(kind, new ArrayList<>());
        }
        for (Rule rule : rules) {
            for (PermissionKind kind : rule.kinds()) {
                index.get(kind).add(rule);
            }
            // a secret is a place that reading harms: wildcards never reach it (PermissionKind.FS_READ)
            if (rule.kinds().contains(PermissionKind.FS_READ) && rule.match() instanceof RiskPattern.Named named) {
                secrets.add(named.location());
            }
        }
        for (PermissionKind kind : PermissionKind.values()) {
            index.put(kind, List.copyOf(index.get(kind)));
        }
        this.byKind = index;
        this.secretLocations = List.copyOf(secrets);
    }

    /** @return the table shipped with Warden */
    static RiskTable standard() {
        return Standard.TABLE;
    }

    /** @return every row, in the order written */
    List<Rule> rules() {
        return rules;
    }

    /** @return the secret locations, as name sequences that may hold globs: the places of the fs.read {@code **}/ rows */
    List<List<String>> secretLocations() {
        return secretLocations;
    }

    /**
     * @param kind    the permission kind
     * @param subject a scope of that kind, already checked against its grammar
     * @return the highest risk among the matching rows; among equal risks, the row written first
     * @throws IllegalStateException if no row matches, which the table's own tests rule out
     */
    Rating rate(PermissionKind kind, RiskPattern.Subject subject) {
        Rule best = null;
        for (Rule rule : byKind.get(kind)) {
            if ((best == null || rule.risk().level() > best.risk().level()) && rule.match().matches(subject)) {
                best = rule;
            }
        }
        if (best == null) {
            throw new IllegalStateException(RESOURCE + " has no row for this " + kind.id() + " scope: " + subject);
        }
        return new Rating(best.risk(), best);
    }

    private static RiskTable load() {
        try (InputStream in = RiskTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin API jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * @param text the table: lines of four tab-separated columns; blank lines and lines starting with
     *             {@code #} are ignored
     * @throws IllegalStateException naming the line of the first malformed row
     */
    static RiskTable parse(String text) {
        List<Rule> rules = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rules.add(row(number, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RiskTable(rules);
    }

    private static Rule row(int number, String line) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 4) {
            throw malformed(number, "has " + columns.length + " columns; expected kinds, pattern, risk and reason separated by tabs");
        }
        Set<PermissionKind> kinds = EnumSet.noneOf(PermissionKind.class);
        for (String id : columns[0].split(",", -1)) {
            Optional<PermissionKind> kind = PermissionKind.byId(id);
            if (kind.isEmpty()) {
                throw malformed(number, "names the unknown kind '" + id + "'");
            }
            kinds.add(kind.get());
        }
        Risk risk = null;
        for (Risk r : Risk.values()) {
            if (r.name().equals(columns[2])) {
                risk = r;
            }
        }
        if (risk == null) {
            throw malformed(number, "has the unknown risk '" + columns[2] + "'");
        }
        if (columns[3].isBlank()) {
            throw malformed(number, "has no reason; the review shows it to the person");
        }
        // that no reason holds a control or invisible character is RiskTableTest's job: checking
        // 500 lines here, before the JIT has compiled anything, would cost every command's start
        RiskPattern match;
        try {
            match = RiskPattern.compile(kinds, columns[1]);
        } catch (IllegalArgumentException e) {
            throw malformed(number, e.getMessage());
        }
        return new Rule(number, kinds, columns[1], risk, columns[3], match);
    }

    private static IllegalStateException malformed(int line, String why) {
        return new IllegalStateException(RESOURCE + " line " + line + " " + why);
    }
}
