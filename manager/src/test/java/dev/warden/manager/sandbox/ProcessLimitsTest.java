package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessLimitsTest {

    @Test
    void noLimitsLeaveTheCommandAsItIs() {
        assertThat(ProcessLimits.none().wrap("/usr/bin/prlimit", List.of("bwrap", "--", "true")))
                .containsExactly("bwrap", "--", "true");
    }

    @Test
    void limitsPutPrlimitInFrontOfTheCommand() {
        ProcessLimits limits = ProcessLimits.none().withMemoryBytes(128L << 20).withCpuSeconds(2);

        assertThat(limits.wrap("/usr/bin/prlimit", List.of("bwrap", "--", "true")))
                .containsExactly("/usr/bin/prlimit", "--data=134217728", "--cpu=2", "--", "bwrap", "--", "true");
    }

    @Test
    void refusesALimitThatIsNotPositive() {
        assertThatThrownBy(() -> ProcessLimits.none().withMemoryBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryBytes");
        assertThatThrownBy(() -> ProcessLimits.none().withCpuSeconds(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpuSeconds");
    }

    @Test
    void saysWhyWhenThereIsNoPrlimit(@org.junit.jupiter.api.io.TempDir Path empty) {
        LimitSupport support = LimitSupport.detect(empty.toString());

        assertThat(support.prlimit()).isEmpty();
        assertThat(support.reason()).contains("no prlimit on PATH");
    }
}
