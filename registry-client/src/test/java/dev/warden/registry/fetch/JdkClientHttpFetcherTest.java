package dev.warden.registry.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tests of {@link HttpFetcherTest} with the JDK's client, which https and proxies use, over plain http. */
class JdkClientHttpFetcherTest extends HttpFetcherTest {

    @Override
    Fetcher open(String location, FetchSettings settings) throws FetchException {
        return HttpFetcher.openWithJdkClient(location, settings);
    }

    @Test
    void stoppingTheClientsEndsTheirSelectorThreadsSoTheProcessExitsAtOnce() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(ok("{}")));
        java.util.Set<String> before = selectorThreads();
        fetcher().fetch("root.json", LIMIT, Optional.empty());
        java.util.Set<String> ours = new java.util.HashSet<>(selectorThreads());
        ours.removeAll(before);
        assertThat(ours).as("the fetcher's client runs a selector thread").isNotEmpty();

        Fetchers.stopAll();

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (selectorThreads().stream().anyMatch(ours::contains) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(selectorThreads()).doesNotContainAnyElementsOf(ours);
    }

    private static java.util.Set<String> selectorThreads() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().matches("HttpClient-\\d+-SelectorManager")) {
                names.add(thread.getName());
            }
        }
        return names;
    }
}
