package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each step of the guard alone: a request that fails only that step, with a fake client address where needed. */
class RequestGuardTest {

    private static final int PORT = 8765;

    private final GatewayToken token = GatewayToken.generate(new SecureRandom());
    private final RequestGuard guard = new RequestGuard(token, PORT);

    private RequestGuard.Request request(String remote, String host, String origin, String authorization) {
        return new RequestGuard.Request(remote, Optional.ofNullable(host), Optional.ofNullable(origin),
                Optional.ofNullable(authorization));
    }

    private Optional<Integer> status(String remote, String host, String origin, String authorization) {
        return guard.check(request(remote, host, origin, authorization)).map(RequestGuard.Refusal::status);
    }

    private String bearer() {
        return "Bearer " + token.value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void letsARequestFromThisMachineWithTheTokenThrough(String remote) {
        assertThat(status(remote, "127.0.0.1:" + PORT, null, bearer())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.20", "10.0.0.1", "0.0.0.0", "2001:db8::1", "::", "localhost", "attacker.example", "",
            "999.1.1.1"})
    void refusesARequestFromAnotherMachineEvenWithTheToken(String remote) {
        Optional<RequestGuard.Refusal> refusal = guard.check(request(remote, "127.0.0.1:" + PORT, null, bearer()));

        assertThat(refusal).map(RequestGuard.Refusal::status).contains(403);
        assertThat(refusal.get().message()).contains("from this machine only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765"})
    void acceptsTheNamesOfThisServer(String host) {
        assertThat(status("127.0.0.1", host, null, bearer())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example:8765", "attacker.example", "127.0.0.1", "localhost", "127.0.0.1:8766",
            "127.0.0.1:87650", "localhost:8765.attacker.example", "[::1]:8765", "0.0.0.0:8765", ""})
    void refusesAHostThatDoesNotNameThisServer(String host) {
        Optional<RequestGuard.Refusal> refusal = guard.check(request("127.0.0.1", host, null, bearer()));

        assertThat(refusal).map(RequestGuard.Refusal::status).contains(403);
        assertThat(refusal.get().message()).contains("Host").contains("127.0.0.1:" + PORT).doesNotContain("attacker");
    }

    @Test
    void refusesARequestWithoutAHost() {
        assertThat(status("127.0.0.1", null, null, bearer())).contains(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:3000", "http://127.0.0.1:8765", "https://localhost:443",
            "http://[::1]:5173", "HTTP://LOCALHOST:3000"})
    void acceptsAPageOnThisMachine(String origin) {
        assertThat(status("127.0.0.1", "localhost:" + PORT, origin, bearer())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example", "null", "http://localhost.attacker.example",
            "http://127.0.0.1.nip.io", "file://", "http://192.168.1.20:3000", "chrome-extension://abcdef"})
    void refusesAPageFromElsewhere(String origin) {
        Optional<RequestGuard.Refusal> refusal = guard.check(request("127.0.0.1", "127.0.0.1:" + PORT, origin, bearer()));

        assertThat(refusal).map(RequestGuard.Refusal::status).contains(403);
        assertThat(refusal.get().message()).contains("web pages");
    }

    @Test
    void refusesARequestWithoutTheToken() {
        Optional<RequestGuard.Refusal> refusal = guard.check(request("127.0.0.1", "127.0.0.1:" + PORT, null, null));

        assertThat(refusal).map(RequestGuard.Refusal::status).contains(401);
        assertThat(refusal.get().message()).contains("Authorization: Bearer <token>").contains("gateway-token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic d2FyZGVuOnNlY3JldA==",
            "Token x"})
    void refusesAWrongToken(String authorization) {
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, null, authorization)).contains(401);
    }

    @Test
    void refusesTheTokenWithSomethingAddedOrMissing() {
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, null, bearer() + "A")).contains(401);
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, null, bearer().substring(0, bearer().length() - 1))).contains(401);
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, null, "Bearer " + GatewayToken.generate(new SecureRandom()).value()))
                .contains(401);
    }

    @Test
    void takesTheSchemeInAnyCase() {
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, null, "bearer " + token.value())).isEmpty();
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, null, "BEARER  " + token.value())).isEmpty();
    }

    @Test
    void answersForThePlaceBeforeTheToken() {
        assertThat(status("192.168.1.20", "127.0.0.1:" + PORT, null, null)).contains(403);
        assertThat(status("127.0.0.1", "attacker.example:" + PORT, null, null)).contains(403);
        assertThat(status("127.0.0.1", "127.0.0.1:" + PORT, "https://attacker.example", null)).contains(403);
    }
}
