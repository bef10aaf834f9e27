package dev.warden.manager.host;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plugin's capabilities inside a plugin host process: each use is a request to Warden, which checks it against
 * the plugin's grants and does it (DESIGN 6.5). Nothing is decided here; this side only carries the request and
 * turns Warden's answer back into what the plugin API promises, exceptions included. Scheduled jobs and data
 * receivers are kept here, and run when Warden asks.
 */
final class RemoteContext implements PluginContext {

    private final PluginInfo plugin;
    private final Caller caller;
    private final Map<String, Scheduler.Task> jobs = new ConcurrentHashMap<>();
    private volatile DataShare.Receiver receiver;

    /** Sends one request to Warden and waits for its answer. */
    @FunctionalInterface
    interface Caller {
        JsonNode call(String method, JsonNode params) throws Wire.Failure;
    }

    RemoteContext(PluginInfo plugin, Caller caller) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /** Runs the job registered for {@code schedule}, as Warden's scheduler asks. */
    void runScheduled(String schedule) throws Exception {
        Scheduler.Task job = jobs.get(schedule);
        if (job == null) {
            throw new IllegalStateException("no job is registered for " + schedule);
        }
        job.run();
    }

    /** Hands data another plugin shared to the receiver the plugin registered. */
    void receive(DataShare.Payload data) {
        DataShare.Receiver current = receiver;
        if (current == null) {
            throw new IllegalStateException("the plugin registered no receiver");
        }
        current.receive(data);
    }

    private JsonNode use(String method, JsonNode params) throws CapabilityException {
        try {
            return caller.call(method, params);
        } catch (Wire.Failure f) {
            throw CapabilityMessages.exception(f);
        }
    }

    /** For the methods whose contract has no checked exception: a failure other than a denial is unchecked. */
    private JsonNode useUnchecked(String method, JsonNode params) {
        try {
            return use(method, params);
        } catch (CapabilityException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static ObjectNode with(String name, String value) {
        return CapabilityMessages.object().put(name, value);
    }

    @Override
    public PluginInfo plugin() {
        return plugin;
    }

    @Override
    public Files files() {
        return new Files() {
            @Override
            public Optional<byte[]> read(String path) throws CapabilityException {
                JsonNode content = use("files.read", with("path", path));
                return content.isNull() ? Optional.empty() : Optional.of(CapabilityMessages.bytes(content));
            }

            @Override
            public void write(String path, byte[] content) throws CapabilityException {
                use("files.write", with("path", path).put("content", CapabilityMessages.bytes(content)));
            }

            @Override
            public List<String> list(String folder) throws CapabilityException {
                return List.copyOf(CapabilityMessages.texts(use("files.list", with("folder", folder))));
            }

            @Override
            public boolean delete(String path) throws CapabilityException {
                return use("files.delete", with("path", path)).asBoolean();
            }

            @Override
            public boolean exists(String path) {
                return useUnchecked("files.exists", with("path", path)).asBoolean();
            }
        };
    }

    @Override
    public Http http() {
        return request -> CapabilityMessages.httpResponse(use("http.send", CapabilityMessages.httpRequest(request)));
    }

    @Override
    public Secrets secrets() {
        return name -> {
            JsonNode found = useUnchecked("secrets.secret", with("name", name));
            return found.isNull() ? Optional.empty() : Optional.of(new Secrets.Ref(found.asString()));
        };
    }

    @Override
    public Exec exec() {
        return request -> CapabilityMessages.execResult(use("exec.run", CapabilityMessages.execRequest(request)));
    }

    @Override
    public Env env() {
        return new Env() {
            @Override
            public Optional<String> get(String name) {
                JsonNode value = useUnchecked("env.get", with("name", name));
                return value.isNull() ? Optional.empty() : Optional.of(value.asString());
            }

            @Override
            public Set<String> names() {
                return Set.copyOf(new LinkedHashSet<>(CapabilityMessages.texts(useUnchecked("env.names", CapabilityMessages.object()))));
            }
        };
    }

    @Override
    public Scheduler scheduler() {
        return new Scheduler() {
            @Override
            public void register(String schedule, Scheduler.Task task) {
                Objects.requireNonNull(task, "task");
                useUnchecked("scheduler.register", with("schedule", schedule));
                jobs.put(schedule, task);
            }

            @Override
            public boolean cancel(String schedule) {
                jobs.remove(schedule);
                return useUnchecked("scheduler.cancel", with("schedule", schedule)).asBoolean();
            }
        };
    }

    @Override
    public Notifier notifier() {
        return new Notifier() {
            @Override
            public void tell(String message) {
                useUnchecked("notifier.tell", with("message", message));
            }

            @Override
            public void warn(String message) {
                useUnchecked("notifier.warn", with("message", message));
            }
        };
    }

    @Override
    public DataShare dataShare() {
        return new DataShare() {
            @Override
            public void send(String target, String topic, byte[] payload) throws CapabilityException {
                use("dataShare.send", with("target", target).put("topic", topic)
                        .put("payload", CapabilityMessages.bytes(payload)));
            }

            @Override
            public void onReceive(DataShare.Receiver newReceiver) {
                receiver = Objects.requireNonNull(newReceiver, "receiver");
                useUnchecked("dataShare.onReceive", CapabilityMessages.object());
            }
        };
    }
}
