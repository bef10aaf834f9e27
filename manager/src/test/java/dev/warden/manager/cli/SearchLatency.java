package dev.warden.manager.cli;

import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.marketplace.Catalogue;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.Progress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark fixture (bench/marketplace.sh): in-process latency of {@link Catalogue#search} over the
 * marketplaces of a home, opened the way {@code warden search} opens them. Prints how long loading the
 * catalogue took, then the median and p90 of QUERIES varied queries (single words, two words, prefixes,
 * no match) after a warm-up.
 * Usage: SearchLatency WARDEN_HOME [QUERIES] (default 100; WARDEN_SYSTEM_DIR comes from the environment).
 */
public final class SearchLatency {

    private static final String[] QUERIES = {"weather", "git", "slack fetch", "postgres query", "kube", "doc",
        "security", "terraform deploy", "nothing-matches-this", "tool", "markdown render", "pdf", "sum", "translate",
        "devops", "zzz", "github review", "logs watch", "stripe", "real", "cache redis", "ima", "notify email",
        "qqq xyz", "data", "csv convert", "sentry trace", "agent", "1234", "pub-17"};

    private SearchLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Map<String, String> env = Map.of(WardenHome.HOME_VARIABLE, home.toString(), WardenHome.SYSTEM_VARIABLE,
                System.getenv().getOrDefault(WardenHome.SYSTEM_VARIABLE, home.resolve("system").toString()));

        long loadStart = System.nanoTime();
        Lifecycle lifecycle = Lifecycle.open(WardenHome.resolve(Optional.empty(), env), env, Clock.systemUTC(),
                Consent.none());
        Catalogue catalogue = new Marketplaces(lifecycle, FetchSettings.defaults(), Progress.none()).catalogue();
        double loadMs = (System.nanoTime() - loadStart) / 1e6;

        List<String> list = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            list.add(QUERIES[i % QUERIES.length]);
        }
        long sink = 0;
        for (int round = 0; round < 5; round++) {             // warm-up: let the JIT compile search
            for (String query : list) {
                sink += catalogue.search(query).size();
            }
        }
        double[] ms = new double[queries];
        for (int i = 0; i < queries; i++) {
            long start = System.nanoTime();
            sink += catalogue.search(list.get(i)).size();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = queries % 2 == 1 ? ms[queries / 2] : (ms[queries / 2 - 1] + ms[queries / 2]) / 2;
        double p90 = ms[Math.min(queries - 1, (int) Math.ceil(queries * 0.9) - 1)];
        System.out.printf("catalogue: %d entries, loaded in %.0f ms%n", catalogue.size(), loadMs);
        System.out.printf("search (%d queries): median %.2f ms, p90 %.2f ms, max %.2f ms   (hits total %d)%n",
                queries, median, p90, ms[queries - 1], sink);
        System.out.printf("SEARCH_MEDIAN_MS=%.2f%n", median);
    }
}
