package dev.warden.manager.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.PluginContext;
import dev.warden.api.PluginInfo;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.DataShare;
import dev.warden.api.capability.Env;
import dev.warden.api.capability.Exec;
import dev.warden.api.capability.Files;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Notifier;
import dev.warden.api.capability.Scheduler;
import dev.warden.api.capability.Secrets;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each capability of the plugin API carried over the wire between a plugin host process ({@link RemoteContext})
 * and Warden ({@link CapabilityServer}): values both ways, every failure the API promises, and the callbacks
 * (scheduled jobs, shared data) that run in the process when Warden asks.
 */
class CapabilityWireTest {

    private static final PluginInfo PLUGIN = new PluginInfo("acme/wired", "1.0.0");

    final Granted granted = new Granted();
    Wire warden;
    Wire process;
    RemoteContext remote;

    @BeforeEach
    void connect() throws IOException {
        Pipe toProcess = Pipe.open();
        Pipe toWarden = Pipe.open();
        InputStream processIn = Channels.newInputStream(toProcess.source());
        InputStream wardenIn = Channels.newInputStream(toWarden.source());
        RemoteContext[] inProcess = new RemoteContext[1];
        process = new Wire("test-process", processIn, Channels.newOutputStream(toWarden.sink()), 1 << 20, (method, params) -> {
            try {
                if (method.equals("scheduled.run")) {
                    inProcess[0].runScheduled(params.get("schedule").asString());
                } else {
                    inProcess[0].receive(new DataShare.Payload(params.get("from").asString(),
                            params.get("topic").asString(), CapabilityMessages.bytes(params.get("payload"))));
                }
                return null;
            } catch (Exception e) {
                throw new Wire.Failure(CapabilityMessages.FAILED, e.getMessage());
            }
        });
        Wire[] served = new Wire[1];
        CapabilityServer server = new CapabilityServer(granted, (method, params) -> served[0].request(method, params));
        warden = new Wire("test-warden", wardenIn, Channels.newOutputStream(toProcess.sink()), 1 << 20, server);
        served[0] = warden;
        remote = new RemoteContext(PLUGIN, (method, params) -> {
            try {
                return process.request(method, params).get();
            } catch (ExecutionException e) {
                throw (Wire.Failure) e.getCause();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        inProcess[0] = remote;
        warden.start();
        process.start();
    }

    @AfterEach
    void close() {
        warden.close();
        process.close();
    }

    @Test
    void filesAreReadWrittenListedAndDeletedByWardensCapability() throws Exception {
        remote.files().write("${workspace}/a.txt", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(remote.files().read("${workspace}/a.txt")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("hello"));
        assertThat(remote.files().read("${workspace}/none.txt")).isEmpty();
        assertThat(remote.files().list("${workspace}")).containsExactly("a.txt");
        assertThat(remote.files().exists("${workspace}/a.txt")).isTrue();
        assertThat(remote.files().delete("${workspace}/a.txt")).isTrue();
        assertThat(remote.files().exists("${workspace}/a.txt")).isFalse();
    }

    @Test
    void aDenialArrivesAsThePermissionDeniedExceptionOfTheKindAndTarget() {
        assertThatThrownBy(() -> remote.files().read("${home}/.ssh/id_rsa")).isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> {
                    assertThat(((PermissionDeniedException) e).permission()).isEqualTo(PermissionKind.FS_READ.id());
                    assertThat(((PermissionDeniedException) e).target()).isEqualTo("${home}/.ssh/id_rsa");
                });
    }

    @Test
    void declinedLimitAndOtherCapabilityFailuresKeepTheirTypesAndWords() {
        assertThatThrownBy(() -> remote.files().delete("${workspace}/keep.txt")).isExactlyInstanceOf(CapabilityException.Declined.class)
                .hasMessage("the person said no");
        assertThatThrownBy(() -> remote.files().write("${workspace}/big.bin", new byte[0])).isExactlyInstanceOf(CapabilityException.LimitExceeded.class)
                .hasMessage("over 1 byte");
        assertThatThrownBy(() -> remote.files().list("${workspace}/gone")).isExactlyInstanceOf(CapabilityException.class)
                .hasMessage("no such folder");
    }

    @Test
    void anHttpRequestTravelsWholeWithItsSecretHeaderAsAReferenceOnly() throws Exception {
        Secrets.Ref token = remote.secrets().secret("api-token").orElseThrow();
        Http.Request request = Http.Request.post("https://api.example.com/x", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .withHeader("Accept", "text/plain").withSecretHeader("Authorization", "Bearer ", token)
                .withTimeout(Duration.ofSeconds(7));

        Http.Response response = remote.http().send(request);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("x-seen", List.of("POST https://api.example.com/x"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        Http.Request seen = granted.lastRequest;
        assertThat(seen.headers()).containsEntry("Accept", "text/plain");
        assertThat(seen.secretHeaders()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("Authorization");
            assertThat(h.prefix()).isEqualTo("Bearer ");
            assertThat(h.secret().name()).isEqualTo("api-token");
        });
        assertThat(seen.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(remote.secrets().secret("other")).isEmpty();
    }

    @Test
    void execEnvAndNotifierReachWardensCapabilities() throws Exception {
        Exec.Result result = remote.exec().run(new Exec.Request("/usr/bin/git", List.of("status"), "in".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(3)));
        remote.notifier().tell("done");
        remote.notifier().warn("careful");

        assertThat(result).isEqualTo(new Exec.Result(0, "/usr/bin/git [status] in", "", false));
        assertThat(remote.env().get("LANG")).contains("C.UTF-8");
        assertThat(remote.env().get("SECRET")).isEmpty();
        assertThat(remote.env().names()).containsExactly("LANG");
        assertThat(granted.notices).containsExactly("tell done", "warn careful");
    }

    @Test
    void aScheduledJobRegisteredInTheProcessRunsThereWhenWardensSchedulerFiresIt() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        remote.scheduler().register("0 * * * *", () -> ran.add("hourly"));

        granted.jobs.get("0 * * * *").run();

        assertThat(ran).containsExactly("hourly");
        assertThat(remote.scheduler().cancel("0 * * * *")).isTrue();
        assertThat(granted.jobs).isEmpty();
    }

    @Test
    void dataSharedWithThePluginReachesTheReceiverItRegisteredInTheProcess() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        remote.dataShare().onReceive(data -> received.add(data.from() + " " + data.topic() + " "
                + new String(data.payload(), StandardCharsets.UTF_8)));
        remote.dataShare().send("acme/other", "notes", "hi".getBytes(StandardCharsets.UTF_8));

        granted.receiver.receive(new DataShare.Payload("acme/sender", "news", "hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(received).containsExactly("acme/sender news hello");
        assertThat(granted.sent).containsExactly("acme/other notes hi");
    }

    @Test
    void aRequestForAnUnknownCapabilityMethodIsRefusedWithItsName() {
        assertThatThrownBy(() -> process.request("files.chmod", CapabilityMessages.object()).get())
                .hasCauseInstanceOf(Wire.Failure.class).hasMessageContaining("no capability method 'files.chmod'");
    }

    /** Warden's side: a context whose capabilities answer from memory, with a denial, a decline and a limit to show. */
    static final class Granted implements PluginContext {
        final Map<String, byte[]> files = new ConcurrentHashMap<>();
        final Map<String, Scheduler.Task> jobs = new ConcurrentHashMap<>();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile Http.Request lastRequest;
        volatile DataShare.Receiver receiver;

        @Override
        public PluginInfo plugin() {
            return PLUGIN;
        }

        @Override
        public Files files() {
            return new Files() {
                @Override
                public Optional<byte[]> read(String path) {
                    if (path.startsWith("${home}")) {
                        throw new PermissionDeniedException(PermissionKind.FS_READ.id(), path);
                    }
                    return Optional.ofNullable(files.get(path));
                }

                @Override
                public void write(String path, byte[] content) throws CapabilityException {
                    if (path.endsWith("big.bin")) {
                        throw new CapabilityException.LimitExceeded("over 1 byte");
                    }
                    files.put(path, content);
                }

                @Override
                public List<String> list(String folder) throws CapabilityException {
                    if (folder.endsWith("gone")) {
                        throw new CapabilityException("no such folder");
                    }
                    return files.keySet().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).sorted().toList();
                }

                @Override
                public boolean delete(String path) throws CapabilityException {
                    if (path.endsWith("keep.txt")) {
                        throw new CapabilityException.Declined("the person said no");
                    }
                    return files.remove(path) != null;
                }

                @Override
                public boolean exists(String path) {
                    return files.containsKey(path);
                }
            };
        }

        @Override
        public Http http() {
            return request -> {
                lastRequest = request;
                return new Http.Response(201, Map.of("X-Seen", List.of(request.method() + " " + request.url())), request.body());
            };
        }

        @Override
        public Secrets secrets() {
            return name -> name.equals("api-token") ? Optional.of(new Secrets.Ref(name)) : Optional.empty();
        }

        @Override
        public Exec exec() {
            return request -> new Exec.Result(0, request.program() + " " + request.args() + " "
                    + new String(request.stdin(), StandardCharsets.UTF_8), "", false);
        }

        @Override
        public Env env() {
            return new Env() {
                @Override
                public Optional<String> get(String name) {
                    return name.equals("LANG") ? Optional.of("C.UTF-8") : Optional.empty();
                }

                @Override
                public Set<String> names() {
                    return Set.of("LANG");
                }
            };
        }

        @Override
        public Scheduler scheduler() {
            return new Scheduler() {
                @Override
                public void register(String schedule, Scheduler.Task task) {
                    jobs.put(schedule, task);
                }

                @Override
                public boolean cancel(String schedule) {
                    return jobs.remove(schedule) != null;
                }
            };
        }

        @Override
        public Notifier notifier() {
            return new Notifier() {
                @Override
                public void tell(String message) {
                    notices.add("tell " + message);
                }

                @Override
                public void warn(String message) {
                    notices.add("warn " + message);
                }
            };
        }

        @Override
        public DataShare dataShare() {
            return new DataShare() {
                @Override
                public void send(String target, String topic, byte[] payload) {
                    sent.add(target + " " + topic + " " + new String(payload, StandardCharsets.UTF_8));
                }

                @Override
                public void onReceive(DataShare.Receiver newReceiver) {
                    receiver = newReceiver;
                }
            };
        }
    }
}
