package dev.warden.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.catalog.testing.LockHolder;
import dev.warden.catalog.testing.SecondJvm;
import dev.warden.catalog.testing.States;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class StateLockTest {

    @TempDir
    Path home;

    @Test
    void aSecondLockInAnotherThreadTimesOutNamingTheHolder() throws Exception {
        StateStore store = new StateStore(home);
        try (StateLock held = store.lock(Duration.ZERO, "warden install acme/weather")) {
            LockBusyException busy = CompletableFuture.supplyAsync(() -> catchThrowableOfType(
                    () -> new StateStore(home).lock(Duration.ofMillis(150), "warden list"), LockBusyException.class)).get();

            assertThat(busy).isNotNull();
            assertThat(busy.holder()).contains("pid " + ProcessHandle.current().pid())
                    .contains("warden install acme/weather").contains("since ");
            assertThat(busy.getMessage()).contains(home.resolve(".lock").toString()).contains(busy.holder());
            assertThat(held.holderDescription()).isEqualTo(busy.holder());
        }
    }

    @Test
    void theLockIsFreeAgainOnceClosed() throws Exception {
        StateStore store = new StateStore(home);
        StateLock first = store.lock(Duration.ZERO, "first");
        assertThat(first.isHeld()).isTrue();

        first.close();
        first.close();

        assertThat(first.isHeld()).isFalse();
        assertThat(home.resolve(".lock")).isEmptyFile();
        try (StateLock second = store.lock(Duration.ZERO, "second")) {
            assertThat(second.isHeld()).isTrue();
        }
    }

    @Test
    void aWaitingLockGetsItWhenTheHolderReleasesInTime() throws Exception {
        StateStore store = new StateStore(home);
        StateLock held = store.lock(Duration.ZERO, "slow command");
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try (StateLock lock = store.lock(Duration.ofSeconds(10), "patient command")) {
                return lock.isHeld();
            } catch (StateException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.await();
        Thread.sleep(100);
        assertThat(second).isNotDone();

        held.close();

        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLockFileLeftByADeadProcessDoesNotBlock() throws Exception {
        Files.createDirectories(home);
        Files.writeString(home.resolve(".lock"),
                "{\"pid\":999999,\"command\":\"warden install acme/weather\",\"since\":\"2025-05-01T10:00:00Z\"}");

        try (StateLock lock = new StateStore(home).lock(Duration.ZERO, "warden list")) {
            assertThat(lock.holderDescription()).contains("warden list");
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsBusyUntilThatProcessIsKilled() throws Exception {
        Process holder = SecondJvm.start(LockHolder.class, home.toString(), "warden update acme/weather", "60000");
        try {
            SecondJvm.awaitLine(holder, "locked");

            assertThatThrownBy(() -> new StateStore(home).lock(Duration.ofMillis(200), "warden list"))
                    .isInstanceOfSatisfying(LockBusyException.class, busy -> assertThat(busy.holder())
                            .contains("pid " + holder.pid()).contains("warden update acme/weather"));

            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            try (StateLock lock = new StateStore(home).lock(Duration.ofSeconds(5), "warden list")) {
                assertThat(lock.isHeld()).isTrue();
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void stateCanBeReadWithoutTheLockWhileAnotherHolds() throws Exception {
        StateStore store = new StateStore(home);
        try (StateLock lock = store.lock(Duration.ZERO, "writer")) {
            store.commit(lock, States.several());

            assertThat(new StateStore(home).read()).isEqualTo(States.several());
        }
    }

    @Test
    void escapesControlCharactersOfTheHoldersCommand() throws Exception {
        StateStore store = new StateStore(home);
        try (StateLock held = store.lock(Duration.ZERO, "warden install \u001b[31mevil\u202e")) {
            assertThat(held.holderDescription()).doesNotContain("\u001b").doesNotContain("\u202e")
                    .contains("\\u001B[31mevil\\u202E");
        }
    }
}
