package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.DataShare;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link DataShare} capability of one plugin: payloads only to the plugins its effective
 * {@code data.share} grants name, delivered through the host's {@link DataShareHub}, each send audited
 * with the target {@code plugin:<publisher>/<name>}, the topic and the size.
 *
 * <p>Checks, in order: the grant (else {@link PermissionDeniedException}), the topic (1 to
 * {@value #MAX_TOPIC_LENGTH} characters, no control, bidi or invisible characters, no surrounding
 * spaces; else {@link IllegalArgumentException}), the size (at most {@link DataShareHub#MAX_PAYLOAD_BYTES};
 * else {@link CapabilityException.LimitExceeded}), then whether the target is enabled and listening (else
 * {@link CapabilityException}). Each send makes exactly one audit entry, written before delivery:
 * not allowed for the first three, allowed otherwise, even when delivery then fails.
 *
 * <p>The receiver sees this plugin's id as the host knows it, never a name the sender chose, and its
 * own copy of the payload.
 */
public final class GrantedDataShare implements DataShare {

    /** The longest topic, in UTF-16 characters. */
    static final int MAX_TOPIC_LENGTH = 128;

    private final PluginId plugin;
    private final Set<PluginId> targets;
    private final CapabilityAudit audit;
    private final DataShareHub hub;

    /**
     * @param plugin    the plugin this capability belongs to, as the host knows it: receivers see it as the sender
     * @param effective the plugin's effective grants; kinds other than {@code data.share} are ignored
     * @param audit     where every send is reported
     * @param hub       the host's hub
     */
    public GrantedDataShare(PluginId plugin, List<Permission> effective, CapabilityAudit audit, DataShareHub hub) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.targets = effective.stream().filter(p -> p.kind() == PermissionKind.DATA_SHARE)
                .map(p -> PluginId.parse(p.scope().substring("plugin:".length()))).collect(Collectors.toUnmodifiableSet());
        this.audit = Objects.requireNonNull(audit, "audit");
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the topic is empty, longer than {@value #MAX_TOPIC_LENGTH}
     *                                  characters, starts or ends with a space, or holds a control,
     *                                  bidi or invisible character
     */
    @Override
    public void send(String targetId, String topic, byte[] payload) throws CapabilityException {
        Objects.requireNonNull(targetId, "target");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        PluginId target = grantedTarget(targetId);
        String auditTarget = "plugin:" + target;
        Optional<String> badTopic = topicProblem(topic);
        if (badTopic.isPresent()) {
            audit.record(PermissionKind.DATA_SHARE, auditTarget, false, "topic " + UnsafeCharacters.quote(topic)
                    + " refused: " + badTopic.get());
            throw new IllegalArgumentException("data.share topic " + UnsafeCharacters.quote(topic) + " " + badTopic.get());
        }
        String what = "topic " + UnsafeCharacters.quote(topic) + ", " + payload.length + " bytes";
        if (payload.length > DataShareHub.MAX_PAYLOAD_BYTES) {
            audit.record(PermissionKind.DATA_SHARE, auditTarget, false, what + ": over the limit of "
                    + DataShareHub.MAX_PAYLOAD_BYTES + " bytes");
            throw new CapabilityException.LimitExceeded("a payload to " + target + " is " + payload.length
                    + " bytes, more than the limit of " + DataShareHub.MAX_PAYLOAD_BYTES + " bytes");
        }
        Optional<String> unavailable = hub.unavailable(target);
        if (unavailable.isPresent()) {
            audit.record(PermissionKind.DATA_SHARE, auditTarget, true, what + ": not delivered, " + unavailable.get());
            throw new CapabilityException("cannot pass data to " + unavailable.get());
        }
        audit.record(PermissionKind.DATA_SHARE, auditTarget, true, what);
        hub.deliver(target, new DataShare.Payload(plugin.toString(), topic, payload));
    }

    /** @return the target as an id, when it is one this plugin was granted to share with; audits a refusal */
    private PluginId grantedTarget(String targetId) {
        PluginId target = null;
        try {
            target = PluginId.parse(targetId);
        } catch (IllegalArgumentException notAnId) {
            // refused below like any other target that was not granted
        }
        if (target == null || !targets.contains(target)) {
            String auditTarget = "plugin:" + (target == null ? UnsafeCharacters.quote(targetId) : target);
            audit.record(PermissionKind.DATA_SHARE, auditTarget, false, "not granted");
            throw new PermissionDeniedException(PermissionKind.DATA_SHARE.id(), auditTarget);
        }
        return target;
    }

    @Override
    public void onReceive(DataShare.Receiver receiver) {
        hub.listen(plugin, Objects.requireNonNull(receiver, "receiver"), audit);
    }

    private static Optional<String> topicProblem(String topic) {
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            return Optional.of("must be 1 to " + MAX_TOPIC_LENGTH + " characters long");
        }
        if (!topic.equals(topic.strip())) {
            return Optional.of("starts or ends with a space");
        }
        if (UnsafeCharacters.firstUnsafe(topic).isPresent() || topic.indexOf('\n') >= 0 || topic.indexOf('\t') >= 0) {
            return Optional.of("holds a control, bidi or invisible character");
        }
        return Optional.empty();
    }
}
