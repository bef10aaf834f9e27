package dev.warden.manager.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.DataShare;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Data sharing between plugins: only to granted, enabled, listening targets; the sender's id is the host's. */
class GrantedDataShareTest {

    static final PluginId WEATHER = PluginId.parse("acme/weather");
    static final PluginId NOTES = PluginId.parse("acme/notes");
    static final PluginId SPY = PluginId.parse("evil/spy");

    final Set<PluginId> enabled = ConcurrentHashMap.newKeySet();
    final DataShareHub hub = new DataShareHub(enabled::contains, Duration.ofMillis(50));
    final RecordingAudit weatherAudit = new RecordingAudit();
    final RecordingAudit notesAudit = new RecordingAudit();
    final List<DataShare.Payload> notesGot = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads;

    {
        enabled.addAll(List.of(WEATHER, NOTES, SPY));
    }

    @AfterEach
    void stopThreads() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    /** The capability of {@code plugin}, granted to share with each of {@code targets}. */
    GrantedDataShare share(PluginId plugin, RecordingAudit audit, PluginId... targets) {
        List<Permission> grants = new ArrayList<>();
        grants.add(Permission.of(PermissionKind.NET_EGRESS, "https://api.weather.gov", "unrelated"));
        for (PluginId target : targets) {
            grants.add(Permission.of(PermissionKind.DATA_SHARE, "plugin:" + target, "test"));
        }
        return new GrantedDataShare(plugin, grants, audit, hub);
    }

    /** acme/notes, running and listening. */
    GrantedDataShare notesListening() {
        GrantedDataShare notes = share(NOTES, notesAudit);
        notes.onReceive(notesGot::add);
        return notes;
    }

    @Test
    void deliversToAGrantedTargetThatListensAndAuditsTargetTopicAndSize() throws Exception {
        notesListening();

        share(WEATHER, weatherAudit, NOTES).send(NOTES.toString(), "forecast", "sunny".getBytes(UTF_8));

        assertThat(notesGot).singleElement().satisfies(d -> {
            assertThat(d.from()).isEqualTo(WEATHER.toString());
            assertThat(d.topic()).isEqualTo("forecast");
            assertThat(new String(d.payload(), UTF_8)).isEqualTo("sunny");
        });
        RecordingAudit.Entry entry = weatherAudit.only();
        assertThat(entry.kind()).isEqualTo(PermissionKind.DATA_SHARE);
        assertThat(entry.target()).isEqualTo("plugin:acme/notes");
        assertThat(entry.allowed()).isTrue();
        assertThat(entry.detail()).contains("\"forecast\"").contains("5 bytes");
    }

    @Test
    void refusesATargetNoGrantNamesAndAuditsTheDenial() {
        notesListening();
        GrantedDataShare spy = share(SPY, weatherAudit, WEATHER);

        assertThatThrownBy(() -> spy.send(NOTES.toString(), "loot", new byte[] {1}))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.permission()).isEqualTo(PermissionKind.DATA_SHARE.id());
                    assertThat(e.target()).isEqualTo("plugin:acme/notes");
                });
        assertThat(notesGot).isEmpty();
        assertThat(weatherAudit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.DATA_SHARE, "plugin:acme/notes",
                false, "not granted"));
    }

    @Test
    void aTargetThatIsNotInstalledOrNotEnabledGetsNothingAndTheSenderIsTold() {
        notesListening();
        enabled.remove(NOTES);
        GrantedDataShare weather = share(WEATHER, weatherAudit, NOTES, PluginId.parse("acme/gone"));

        assertThatThrownBy(() -> weather.send(NOTES.toString(), "forecast", new byte[1])).isExactlyInstanceOf(CapabilityException.class)
                .hasMessageContaining("acme/notes is not installed or not enabled");
        assertThatThrownBy(() -> weather.send("acme/gone", "forecast", new byte[1]))
                .isExactlyInstanceOf(CapabilityException.class).hasMessageContaining("acme/gone is not installed");
        assertThat(notesGot).isEmpty();
        assertThat(weatherAudit.entries).allSatisfy(e -> {
            assertThat(e.allowed()).as("granted, so not a denial").isTrue();
            assertThat(e.detail()).contains("not delivered");
        });
    }

    @Test
    void aTargetThatIsNotRunningOrStoppedListeningGetsNothing() throws Exception {
        GrantedDataShare weather = share(WEATHER, weatherAudit, NOTES);

        assertThatThrownBy(() -> weather.send(NOTES.toString(), "forecast", new byte[1])).isExactlyInstanceOf(CapabilityException.class)
                .hasMessageContaining("acme/notes is not running or has no receiver");

        notesListening();
        weather.send(NOTES.toString(), "forecast", new byte[1]);
        hub.detach(NOTES);
        assertThatThrownBy(() -> weather.send(NOTES.toString(), "forecast", new byte[1])).isExactlyInstanceOf(CapabilityException.class)
                .hasMessageContaining("not running");
        assertThat(notesGot).hasSize(1);
    }

    @Test
    void capsThePayloadAtOneMebibyte() throws Exception {
        notesListening();
        GrantedDataShare weather = share(WEATHER, weatherAudit, NOTES);

        weather.send(NOTES.toString(), "big", new byte[DataShareHub.MAX_PAYLOAD_BYTES]);
        assertThatThrownBy(() -> weather.send(NOTES.toString(), "too-big", new byte[DataShareHub.MAX_PAYLOAD_BYTES + 1]))
                .isInstanceOf(CapabilityException.LimitExceeded.class).hasMessageContaining("1048577 bytes").hasMessageContaining("1048576");

        assertThat(notesGot).extracting(DataShare.Payload::topic).containsExactly("big");
        assertThat(weatherAudit.entries.get(1).allowed()).isFalse();
        assertThat(weatherAudit.entries.get(1).detail()).contains("over the limit");
    }

    @Test
    void refusesTopicsThatAreEmptyLongOrHoldInvisibleCharacters() throws Exception {
        notesListening();
        GrantedDataShare weather = share(WEATHER, weatherAudit, NOTES);
        List<String> bad = List.of("", "x".repeat(GrantedDataShare.MAX_TOPIC_LENGTH + 1), "\u001b[31mred", "a\u202Eb",
                "line\nbreak", " padded", "zero\u200Bwidth");

        for (String topic : bad) {
            assertThatThrownBy(() -> weather.send(NOTES.toString(), topic, new byte[1])).as(topic)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        }
        weather.send(NOTES.toString(), "y".repeat(GrantedDataShare.MAX_TOPIC_LENGTH), new byte[1]);
        weather.send(NOTES.toString(), "météo du jour", new byte[1]);

        assertThat(notesGot).hasSize(2);
        assertThat(weatherAudit.entries).hasSize(bad.size() + 2);
        assertThat(weatherAudit.entries.subList(0, bad.size())).allSatisfy(e -> {
            assertThat(e.allowed()).isFalse();
            assertThat(e.detail()).doesNotContain("\u001b").doesNotContain("\u202E").doesNotContain("\n");
        });
    }

    @Test
    void theReceiverSeesTheSendersIdAsTheHostKnowsItAndItsOwnCopyOfThePayload() throws Exception {
        notesListening();
        byte[] payload = "first".getBytes(UTF_8);

        share(WEATHER, weatherAudit, NOTES).send(NOTES.toString(), "t", payload);
        share(SPY, new RecordingAudit(), NOTES).send(NOTES.toString(), "t", new byte[] {1});
        payload[0] = 'X';
        notesGot.get(0).payload()[1] = 'Y';

        assertThat(notesGot).extracting(DataShare.Payload::from).containsExactly(WEATHER.toString(), SPY.toString());
        assertThat(new String(notesGot.get(0).payload(), UTF_8)).isEqualTo("first");
    }

    @Test
    void aPluginCannotListenInAnotherPluginsName() throws Exception {
        notesListening();
        List<DataShare.Payload> spyGot = new ArrayList<>();
        share(SPY, new RecordingAudit()).onReceive(spyGot::add);

        share(WEATHER, weatherAudit, NOTES).send(NOTES.toString(), "t", new byte[1]);

        assertThat(spyGot).isEmpty();
        assertThat(notesGot).hasSize(1);
    }

    @Test
    void aFailingReceiverCostsTheSenderOnlyACapabilityExceptionWithoutTheReceiversError() throws Exception {
        share(NOTES, notesAudit).onReceive(d -> {
            throw new IllegalStateException("notes' private diary: dear diary");
        });
        GrantedDataShare weather = share(WEATHER, weatherAudit, NOTES);

        assertThatThrownBy(() -> weather.send(NOTES.toString(), "t", new byte[1])).isExactlyInstanceOf(CapabilityException.class)
                .hasMessageContaining("acme/notes failed to take the payload").hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("diary"));
        assertThat(notesAudit.only().detail()).contains("receive failed").contains("dear diary");
        assertThat(notesAudit.only().target()).isEqualTo("plugin:acme/weather");

        notesListening();
        weather.send(NOTES.toString(), "t", new byte[1]);
        assertThat(notesGot).hasSize(1);
    }

    @Test
    void aReceiverCannotSendBackIntoAReceiveUnderWayOnItsOwnThread() throws Exception {
        GrantedDataShare notes = share(NOTES, notesAudit, NOTES);
        List<Exception> echoes = new ArrayList<>();
        notes.onReceive(d -> {
            notesGot.add(d);
            try {
                notes.send(NOTES.toString(), "echo", d.payload());
            } catch (CapabilityException e) {
                echoes.add(e);
            }
        });

        notes.send(NOTES.toString(), "ping", new byte[1]);

        assertThat(notesGot).extracting(DataShare.Payload::topic).containsExactly("ping");
        assertThat(echoes).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("receiving on this thread already"));
    }

    @Test
    void aReceiverTakesOnePayloadAtATimeAndABusyOneIsNotWaitedForForever() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        share(NOTES, notesAudit).onReceive(d -> {
            notesGot.add(d);
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        GrantedDataShare weather = share(WEATHER, weatherAudit, NOTES);
        threads = Executors.newSingleThreadExecutor();
        Future<?> first = threads.submit(() -> {
            weather.send(NOTES.toString(), "first", new byte[1]);
            return null;
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> weather.send(NOTES.toString(), "second", new byte[1])).isInstanceOf(CapabilityException.LimitExceeded.class)
                .hasMessageContaining("busy");

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        weather.send(NOTES.toString(), "third", new byte[1]);
        assertThat(notesGot).extracting(DataShare.Payload::topic).containsExactly("first", "third");
    }
}
