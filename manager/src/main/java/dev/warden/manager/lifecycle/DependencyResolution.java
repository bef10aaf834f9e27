package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginDependency;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.FileTrees;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.BundleException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out what installing a plugin brings with it, as Claude Code does: each dependency is looked up in the
 * marketplace it names, else the declaring plugin's own; an installed plugin in every range asking for it is used as
 * it is, else the highest offered version in all those ranges is fetched and taken in (verified, extracted into
 * staging), and its own dependencies follow, until nothing new is needed. Nothing is installed here: the plan is
 * reviewed and committed with the plugin that needs it, or closed, which deletes what was staged.
 */
final class DependencyResolution {

    /** Rounds of re-picking after a later plugin narrowed a range; more means ranges that keep moving each other. */
    private static final int MAX_ROUNDS = 8;
    /** Plugins one install may bring with it. */
    static final int MAX_PLUGINS = 64;

    /** A plugin in the graph: the root, one taken in for this install, or one installed already. */
    private record Node(PluginId id, Version version, PluginManifest manifest, Optional<String> marketplace,
                        Optional<IntakeResult> intake) {
    }

    /** One plugin's dependency on another. */
    private record Edge(PluginId dependent, PluginDependency declared) {
    }

    /** What a dependency names: a plugin id, and what is offered of it where the dependency looks. */
    private record Target(PluginId id, Optional<DependencyOffers.Offered> offered, String whyNotOffered) {
    }

    private final Lifecycle lifecycle;
    private final DependencyOffers offers;
    private final boolean allowUnverified;
    private final Map<String, Target> targets = new HashMap<>();
    private final Map<String, Node> taken = new LinkedHashMap<>();

    DependencyResolution(Lifecycle lifecycle, DependencyOffers offers, boolean allowUnverified) {
        this.lifecycle = lifecycle;
        this.offers = offers;
        this.allowUnverified = allowUnverified;
    }

    /**
     * What installing {@code root} needs besides it.
     *
     * @param root        the plugin taken in, not installed yet
     * @param marketplace the marketplace it comes from; empty for a bundle file
     * @param state       the state the review is shown against
     * @return the plan; the caller closes it
     * @throws DependencyException for a dependency that cannot be met, naming the plugins and ranges
     * @throws BundleException     if a dependency's bundle fails verification; nothing is installed
     * @throws RefusalException    if a dependency is unverified and not allowed, or refused by trust
     */
    Plan resolve(IntakeResult root, Optional<String> marketplace, WardenState state) throws Exception {
        Node rootNode = new Node(root.manifest().id(), root.manifest().version(), root.manifest(), marketplace, Optional.of(root));
        Map<PluginId, Version> picks = new LinkedHashMap<>();
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Map<PluginId, List<Edge>> constraints = new LinkedHashMap<>();
                List<Node> order = new ArrayList<>();
                visit(rootNode, new ArrayDeque<>(), new HashSet<>(), constraints, order, picks, state);
                Map<PluginId, Version> next = choose(constraints, state);
                long toInstall = next.keySet().stream().filter(id -> state.plugin(id).isEmpty()).count();
                if (next.equals(picks) && order.size() == 1 + toInstall) {
                    return plan(rootNode, order, constraints, state);
                }
                if (next.size() > MAX_PLUGINS) {
                    throw new DependencyException(root.manifest().id() + " depends, directly or not, on " + next.size()
                            + " plugins; Warden installs at most " + MAX_PLUGINS + " with one plugin. Not installed");
                }
                for (Map.Entry<PluginId, Version> pick : next.entrySet()) {
                    if (state.plugin(pick.getKey()).isEmpty() && !taken.containsKey(key(pick.getKey(), pick.getValue()))) {
                        take(targetOf(pick.getKey()), pick.getValue());
                    }
                }
                picks = next;
            }
            throw new DependencyException("the dependencies of " + root.manifest().id() + " keep narrowing each other's"
                    + " ranges; Warden gave up after " + MAX_ROUNDS + " rounds. Not installed");
        } catch (Exception | Error e) {
            close(taken.values());
            throw e;
        }
    }

    /** Depth first, so that a plugin comes after everything it needs, and a cycle is found on the path. */
    private void visit(Node node, Deque<PluginId> path, Set<PluginId> done, Map<PluginId, List<Edge>> constraints,
                       List<Node> order, Map<PluginId, Version> picks, WardenState state) throws Exception {
        path.addLast(node.id());
        for (PluginDependency dependency : PluginDependency.declaredBy(node.manifest())) {
            Target target = target(node, dependency, state);
            if (path.contains(target.id())) {
                List<String> cycle = new ArrayList<>();
                boolean on = false;
                for (PluginId id : path) {
                    on = on || id.equals(target.id());
                    if (on) {
                        cycle.add(id.toString());
                    }
                }
                cycle.add(target.id().toString());
                throw new DependencyException("the plugins depend on each other in a cycle: " + String.join(" -> ", cycle)
                        + "; Warden installs no cycle (ask their publishers to break it). Not installed");
            }
            constraints.computeIfAbsent(target.id(), id -> new ArrayList<>()).add(new Edge(node.id(), dependency));
            if (done.contains(target.id()) || state.plugin(target.id()).isPresent()) {
                // an installed plugin's own dependencies were met when it was installed
                continue;
            }
            Version picked = picks.get(target.id());
            Node child = picked == null ? null : taken.get(key(target.id(), picked));
            if (child != null) {
                visit(child, path, done, constraints, order, picks, state);
            }
        }
        path.removeLast();
        done.add(node.id());
        order.add(node);
    }

    /** The version each needed plugin is to have: the installed one, or the highest offered in every range. */
    private Map<PluginId, Version> choose(Map<PluginId, List<Edge>> constraints, WardenState state) throws Exception {
        Map<PluginId, Version> picks = new LinkedHashMap<>();
        for (Map.Entry<PluginId, List<Edge>> entry : constraints.entrySet()) {
            PluginId id = entry.getKey();
            List<Edge> edges = entry.getValue();
            Optional<InstalledPlugin> installed = state.plugin(id);
            if (installed.isPresent()) {
                picks.put(id, installedVersion(installed.get(), edges));
                continue;
            }
            DependencyOffers.Offered offered = targetOf(id).offered().orElseThrow();
            Optional<Version> best = offered.versions().stream()
                    .filter(v -> edges.stream().allMatch(e -> e.declared().range().isSatisfiedBy(v)))
                    .max(Version::compareTo);
            if (best.isEmpty()) {
                throw unsatisfied(id, offered, edges);
            }
            picks.put(id, best.get());
        }
        return picks;
    }

    private static Version installedVersion(InstalledPlugin plugin, List<Edge> edges) throws DependencyException {
        List<Edge> outside = edges.stream().filter(e -> !e.declared().range().isSatisfiedBy(plugin.version())).toList();
        if (!outside.isEmpty()) {
            throw new DependencyException(needs(outside, plugin.id()) + ", but " + plugin.id() + " " + plugin.version()
                    + " is installed, outside that range. Update it ('warden update " + plugin.id() + "') if a version in"
                    + " the range is offered, or remove it first ('warden remove " + plugin.id() + "'). Not installed");
        }
        if (plugin.status() == PluginStatus.PENDING_REVIEW || plugin.status() == PluginStatus.QUARANTINED) {
            throw new DependencyException(needs(edges, plugin.id()) + ", but " + plugin.id() + " is "
                    + (plugin.status() == PluginStatus.PENDING_REVIEW ? "waiting for the review of an update ('warden review "
                    + plugin.id() + "')" : "quarantined") + "; settle that first. Not installed");
        }
        return plugin.version();
    }

    private static DependencyException unsatisfied(PluginId id, DependencyOffers.Offered offered, List<Edge> edges) {
        String versions = offered.versions().stream().map(Version::toString).collect(Collectors.joining(", "));
        List<Edge> alone = edges.stream()
                .filter(e -> offered.versions().stream().noneMatch(v -> e.declared().range().isSatisfiedBy(v))).toList();
        if (!alone.isEmpty() || edges.size() == 1) {
            List<Edge> culprits = alone.isEmpty() ? edges : alone;
            return new DependencyException(needs(culprits, id) + ", but marketplace " + offered.marketplace() + " offers "
                    + id + " only at " + versions + "; no offer satisfies that range. Not installed");
        }
        return new DependencyException("no version of " + id + " satisfies every plugin being installed: " + needs(edges, id)
                + "; marketplace " + offered.marketplace() + " offers " + versions + ", and no one version is in all those"
                + " ranges (a range conflict). Not installed");
    }

    /** "acme/a needs secrets-vault ~2.1.0 and acme/b needs secrets-vault ^3" */
    private static String needs(List<Edge> edges, PluginId id) {
        return edges.stream().map(e -> e.dependent() + " needs " + id + " " + range(e.declared()))
                .collect(Collectors.joining(" and "));
    }

    private static String range(PluginDependency dependency) {
        return dependency.range().isAny() ? "(any version)" : dependency.range().toString();
    }

    /** Finds what {@code dependency} of {@code node} names: offered where it looks, else installed, else nothing. */
    private Target target(Node node, PluginDependency dependency, WardenState state) throws Exception {
        Optional<String> where = dependency.marketplace().or(node::marketplace);
        String cacheKey = dependency.name() + "@" + where.orElse("");
        Target known = targets.get(cacheKey);
        if (known != null) {
            return known;
        }
        DependencyOffers.Found found = offers.find(dependency.name(), where);
        Target target;
        if (found.offered().isPresent()) {
            target = new Target(found.offered().get().id(), found.offered(), "");
        } else {
            List<PluginId> installed = state.plugins().keySet().stream().filter(dependency::names).sorted(
                    java.util.Comparator.comparing(PluginId::toString)).toList();
            if (installed.size() > 1) {
                throw new DependencyException(node.id() + " depends on " + UnsafeCharacters.escape(dependency.toString())
                        + ", and " + installed + " are installed under that name; ask its publisher to name it as"
                        + " publisher/name. Not installed");
            }
            if (installed.isEmpty()) {
                throw new DependencyException(node.id() + " depends on " + UnsafeCharacters.escape(dependency.toString())
                        + ", which is not installed and cannot be fetched: " + found.whyNot() + ". Add the marketplace that"
                        + " offers it ('warden marketplace add'), or install it first. Not installed");
            }
            target = new Target(installed.get(0), Optional.empty(), found.whyNot());
        }
        targets.put(cacheKey, target);
        return target;
    }

    private Target targetOf(PluginId id) {
        return targets.values().stream().filter(t -> t.id().equals(id) && t.offered().isPresent()).findFirst()
                .orElseThrow(() -> new IllegalStateException(id + " was never looked up"));
    }

    /** Fetches one version and takes it in as the install pipeline does, each check before the person is asked. */
    private void take(Target target, Version version) throws Exception {
        DependencyOffers.Offered offered = target.offered().orElseThrow();
        Path staging = lifecycle.store().newStagingDir("bundle");
        PluginFiles.createFolderBesideOthers(staging);
        IntakeResult intake;
        try (DependencyOffers.Fetched fetched = offers.fetch(offered, version)) {
            Provenance provenance = fetched.provenance();
            try {
                intake = new BundleIntake(lifecycle.trust().load(), lifecycle.clock()).take(fetched.file(), staging,
                        provenance.source(), allowUnverified, provenance.signedFolder());
            } catch (BundleException | RefusalException e) {
                lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(offered.id()), Map.of("bundle", provenance.source(),
                        "reason", e.getMessage()));
                throw e;
            }
            Provenance.Listed listed = provenance.listed().orElseThrow();
            if (!listed.id().equals(intake.manifest().id()) || !listed.version().equals(intake.manifest().version())) {
                throw new RefusalException(Installation.listingMismatch(listed, intake.manifest()));
            }
            NamespaceCheck.check(lifecycle, intake);
        } catch (Exception | Error e) {
            FileTrees.deleteTree(staging);
            throw e;
        }
        taken.put(key(offered.id(), version), new Node(offered.id(), version, intake.manifest(), Optional.of(offered.marketplace()),
                Optional.of(intake)));
    }

    private Plan plan(Node root, List<Node> order, Map<PluginId, List<Edge>> constraints, WardenState state) throws IOException {
        List<Review.Dependencies.Need> needs = new ArrayList<>();
        List<IntakeResult> added = new ArrayList<>();
        List<PluginId> enabled = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Node node : order) {
            if (node != root) {
                added.add(node.intake().orElseThrow());
                used.add(key(node.id(), node.version()));
            }
        }
        for (Map.Entry<PluginId, List<Edge>> entry : constraints.entrySet()) {
            Optional<InstalledPlugin> installed = state.plugin(entry.getKey());
            Review.Dependencies.How how = installed.isEmpty() ? Review.Dependencies.How.INSTALLED_WITH_IT
                    : installed.get().status() == PluginStatus.DISABLED ? Review.Dependencies.How.ENABLED_WITH_IT
                    : Review.Dependencies.How.ALREADY_INSTALLED;
            if (how == Review.Dependencies.How.ENABLED_WITH_IT) {
                enabled.add(entry.getKey());
            }
            Version version = installed.map(InstalledPlugin::version).orElseGet(() -> order.stream()
                    .filter(n -> n.id().equals(entry.getKey())).findFirst().orElseThrow().version());
            for (Edge edge : entry.getValue()) {
                needs.add(new Review.Dependencies.Need(edge.dependent(), edge.declared(), entry.getKey(), version, how));
            }
        }
        List<Node> unused = taken.entrySet().stream().filter(e -> !used.contains(e.getKey())).map(Map.Entry::getValue).toList();
        close(unused);
        return new Plan(needs, added, enabled);
    }

    private static void close(Iterable<Node> nodes) throws IOException {
        for (Node node : nodes) {
            if (node.intake().isPresent()) {
                FileTrees.deleteTree(node.intake().get().staging());
            }
        }
    }

    private static String key(PluginId id, Version version) {
        return id + "@" + version;
    }

    /**
     * What installing a plugin brings with it.
     *
     * @param needs   each dependency and how it is met, for the review
     * @param added   the plugins to install with it, taken in and staged, each after what it needs
     * @param enabled installed plugins, disabled now, to enable with it
     */
    record Plan(List<Review.Dependencies.Need> needs, List<IntakeResult> added, List<PluginId> enabled) implements AutoCloseable {
        Plan {
            needs = List.copyOf(needs);
            added = List.copyOf(added);
            enabled = List.copyOf(enabled);
        }

        static Plan none() {
            return new Plan(List.of(), List.of(), List.of());
        }

        boolean isEmpty() {
            return needs.isEmpty();
        }

        /** Deletes the staged plugins that were not moved into place. */
        @Override
        public void close() throws IOException {
            for (IntakeResult intake : added) {
                FileTrees.deleteTree(intake.staging());
            }
        }
    }
}
