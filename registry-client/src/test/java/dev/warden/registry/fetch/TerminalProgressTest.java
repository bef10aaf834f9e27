package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private final StringWriter text = new StringWriter();
    private long now;

    private TerminalProgress progress(boolean terminal) {
        return new TerminalProgress(new PrintWriter(text), terminal, () -> now);
    }

    @Test
    void printsNothingWhenNotATerminal() {
        TerminalProgress progress = progress(false);

        progress.start("plugins/p.wpk", 2048);
        progress.advance(1024);
        now += 1_000_000_000L;
        progress.advance(1024);
        progress.finish();

        assertThat(text.toString()).isEmpty();
    }

    @Test
    void redrawsABarInPlaceAndEndsTheLine() {
        TerminalProgress progress = progress(true);

        progress.start("p.wpk", 2048);
        now += 200_000_000L;
        progress.advance(1024);
        progress.finish();

        assertThat(text.toString()).startsWith("\rp.wpk [------------------------] 0% 0 B / 2 KiB")
                .endsWith("\rp.wpk [############------------] 50% 1 KiB / 2 KiB\n");
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        TerminalProgress progress = progress(true);
        progress.start("p.wpk", 1_000_000);

        for (int i = 0; i < 1000; i++) {
            now += 1_000_000L;
            progress.advance(1000);
        }

        // One drawing at the start, then one per 100 ms over one second.
        assertThat(text.toString().chars().filter(c -> c == '\r').count()).isBetween(10L, 11L);
    }

    @Test
    void showsTheSizeAloneWhenTheTotalIsUnknown() {
        TerminalProgress progress = progress(true);

        progress.start("p.wpk", -1);
        progress.advance(3 * 1024 * 1024);
        progress.finish();

        assertThat(text.toString()).endsWith("\rp.wpk 3 MiB\n");
    }

    @Test
    void neverPrintsControlCharactersFromTheLabel() {
        TerminalProgress progress = progress(true);

        progress.start("evil\u001b[2J\u202Ename", 10);
        progress.finish();

        assertThat(text.toString()).doesNotContain("\u001b", "\u202E").contains("evil\\u001B[2J\\u202Ename");
    }
}
