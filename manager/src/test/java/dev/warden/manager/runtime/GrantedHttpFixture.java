package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds {@link GrantedHttp} instances with fake DNS, recorded audit and in-memory secrets for the tests. */
final class GrantedHttpFixture {

    /** Answers from a table, one list per lookup in turn; counts lookups per host. */
    static final class FakeResolver implements Resolver {
        private final Map<String, List<List<InetAddress>>> answers = new HashMap<>();
        private final Map<String, AtomicInteger> lookups = new HashMap<>();

        FakeResolver answer(String host, String... addresses) {
            List<InetAddress> list = new ArrayList<>();
            for (String address : addresses) {
                list.add(ip(address));
            }
            answers.computeIfAbsent(host, h -> new ArrayList<>()).add(list);
            return this;
        }

        @Override
        public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
            int n = lookups.computeIfAbsent(host, h -> new AtomicInteger()).getAndIncrement();
            List<List<InetAddress>> turns = answers.get(host);
            if (turns == null) {
                throw new UnknownHostException(host);
            }
            return turns.get(Math.min(n, turns.size() - 1));
        }

        synchronized int lookups(String host) {
            AtomicInteger n = lookups.get(host);
            return n == null ? 0 : n.get();
        }
    }

    final List<Permission> grants = new ArrayList<>();
    final RecordingAudit audit = new RecordingAudit();
    final FakeResolver dns = new FakeResolver();
    final Map<String, String> secrets = new HashMap<>();
    HttpLimits limits = new HttpLimits(1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(10));

    GrantedHttpFixture egress(String scope) {
        grants.add(Permission.of(PermissionKind.NET_EGRESS, scope, "test"));
        return this;
    }

    GrantedHttpFixture secret(String scope) {
        grants.add(Permission.of(PermissionKind.SECRET_USE, scope, "test"));
        return this;
    }

    GrantedHttpFixture stored(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    GrantedHttp http() {
        return new GrantedHttp(grants, audit, name -> Optional.ofNullable(secrets.get(name)), dns, limits);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
