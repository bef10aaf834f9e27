package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BesideTest {

    @Test
    void givesTheResultOfWorkDoneOnAnotherThread() throws Exception {
        Beside<String, RuntimeException> beside = Beside.start("test", () -> Thread.currentThread().getName());

        assertThat(beside.result()).isEqualTo("test");
    }

    @Test
    void throwsWhatTheWorkThrewWhereTheResultIsTaken() {
        Beside<String, IOException> failing = Beside.start("test", () -> {
            throw new IOException("disk full");
        });
        Beside<String, IOException> broken = Beside.start("test", () -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(failing::result).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(broken::result).isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }

    @Test
    void awaitReturnsOnlyOnceTheWorkHasEndedAndKeepsAnInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        Beside<Void, IOException> slow = Beside.start("test", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            ended.set(true);
            return null;
        });
        Thread.currentThread().interrupt();
        Thread releaser = new Thread(() -> {
            sleep();
            release.countDown();
        });
        releaser.start();

        slow.await();

        assertThat(ended).isTrue();
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
        releaser.join();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
