package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemorySinkTest {

    @Test
    void anAnnouncedLengthSizesTheArrayOnceSoThatTheBytesAreTheArray() {
        MemorySink sink = new MemorySink();
        sink.begin(5);
        sink.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));

        assertThat(sink.capacity()).isEqualTo(5);
        assertThat(sink.toByteArray()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
    }

    @Test
    void aServerAnnouncingTheCapAndSendingLittleCostsAtMostTheFirstArray() {
        MemorySink sink = new MemorySink();
        sink.begin(64L << 20);

        assertThat(sink.capacity()).isEqualTo((int) MemorySink.FIRST_ARRAY_MAX);
        sink.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(sink.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void growsPastTheFirstArrayAsTheBytesArrive() {
        MemorySink sink = new MemorySink();
        sink.begin(MemorySink.FIRST_ARRAY_MAX + 10);
        sink.write(ByteBuffer.allocate((int) MemorySink.FIRST_ARRAY_MAX));
        sink.write(ByteBuffer.wrap(new byte[10]));

        assertThat(sink.toByteArray()).hasSize((int) MemorySink.FIRST_ARRAY_MAX + 10);
    }
}
