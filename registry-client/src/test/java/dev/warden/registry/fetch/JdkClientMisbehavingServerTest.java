package dev.warden.registry.fetch;

/** The tests of {@link MisbehavingServerTest} with the JDK's client, which https and proxies use. */
class JdkClientMisbehavingServerTest extends MisbehavingServerTest {

    @Override
    Fetcher open(String location, FetchSettings settings) throws FetchException {
        return HttpFetcher.openWithJdkClient(location, settings);
    }
}
