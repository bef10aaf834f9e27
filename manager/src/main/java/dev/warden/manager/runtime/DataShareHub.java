package dev.warden.manager.runtime;

import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.DataShare;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The post office of one host: which of its plugins listen for {@code data.share} payloads, and the
 * delivery to them. The grant check is the sender's {@link GrantedDataShare}; this class only delivers.
 *
 * <p>Delivery happens on the sender's thread, before {@code send} returns, so a sender knows its
 * payload arrived, and no queue can grow. A receiver gets one payload at a time (its lock); a sender
 * waits at most {@link #DEFAULT_BUSY_WAIT} for a busy receiver, so two plugins sending to each other
 * from their receivers on two threads cannot deadlock for long, and a payload back to a plugin that is
 * receiving on the same thread (A to B to A) is refused. A receiver that throws costs the sender a
 * {@link CapabilityException} without the receiver's exception, which may hold the receiver's data; the
 * failure goes to the receiver's audit.
 *
 * <p>Thread-safe.
 */
public final class DataShareHub {

    /** The most one payload may hold. */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    /** How long a sender waits for a receiver that is taking another payload. */
    public static final Duration DEFAULT_BUSY_WAIT = Duration.ofSeconds(5);

    private final Predicate<PluginId> enabled;
    private final Duration busyWait;
    private final Map<PluginId, Mailbox> mailboxes = new ConcurrentHashMap<>();

    /**
     * @param enabled whether a plugin may receive now, asked at every send; it must not throw (see {@link EnabledPlugins})
     */
    public DataShareHub(Predicate<PluginId> enabled) {
        this(enabled, DEFAULT_BUSY_WAIT);
    }

    /** As the public constructor, with another wait for busy receivers (tests wait briefly). */
    DataShareHub(Predicate<PluginId> enabled, Duration busyWait) {
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.busyWait = Objects.requireNonNull(busyWait, "busyWait");
    }

    /**
     * Stops delivering to a plugin the host stopped or disabled: sends to it fail from now on, until
     * it sets a receiver again. A delivery under way ends normally.
     */
    public void detach(PluginId plugin) {
        Mailbox box = mailboxes.get(plugin);
        if (box != null) {
            box.listener = null;
        }
    }

    /** Sets the receiver of a plugin the host runs, replacing an earlier one; its failures go to {@code audit}. */
    void listen(PluginId plugin, DataShare.Receiver receiver, CapabilityAudit audit) {
        mailboxes.computeIfAbsent(plugin, id -> new Mailbox()).listener = new Listener(receiver, audit);
    }

    /** @return why a payload cannot reach the target now, or empty if it can */
    Optional<String> unavailable(PluginId target) {
        if (!enabled.test(target)) {
            return Optional.of(target + " is not installed or not enabled");
        }
        Mailbox box = mailboxes.get(target);
        if (box == null || box.listener == null) {
            return Optional.of(target + " is not running or has no receiver");
        }
        return Optional.empty();
    }

    /**
     * Hands the payload to the target's receiver.
     *
     * @throws CapabilityException.LimitExceeded if the receiver stayed busy for the whole wait
     * @throws CapabilityException    if the target stopped listening, is receiving on this very thread, or its receiver failed
     */
    void deliver(PluginId target, DataShare.Payload data) throws CapabilityException {
        Mailbox box = mailboxes.get(target);
        if (box == null || box.listener == null) {
            throw new CapabilityException(target + " is not running or has no receiver");
        }
        if (box.lock.isHeldByCurrentThread()) {
            throw new CapabilityException(target + " is receiving on this thread already; sending back to it from"
                    + " within a receiver is refused, as it would never end");
        }
        try {
            if (!box.lock.tryLock(busyWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CapabilityException.LimitExceeded(target + " was busy taking another payload for "
                        + busyWait.toMillis() + " ms; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CapabilityException("interrupted while waiting for " + target + " to take the payload", e);
        }
        try {
            Listener listener = box.listener;
            if (listener == null) {
                throw new CapabilityException(target + " stopped listening");
            }
            try {
                listener.receiver.receive(data);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                listener.audit.record(PermissionKind.DATA_SHARE, "plugin:" + data.from(), true,
                        "receive failed, topic " + data.topic() + ": " + PluginInput.shown(String.valueOf(e)));
                throw new CapabilityException(target + " failed to take the payload; its error stays with it");
            }
        } finally {
            box.lock.unlock();
        }
    }

    private record Listener(DataShare.Receiver receiver, CapabilityAudit audit) {
    }

    /** One plugin's receiving end; kept while the host runs, so its lock stays the same across receivers. */
    private static final class Mailbox {
        final ReentrantLock lock = new ReentrantLock();
        volatile Listener listener;
    }
}
