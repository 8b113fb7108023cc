package io.vigil.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostSlotsTest {

    @Test
    void aHostGetsAtMostItsShareAndASlotFreesWhenReleased() {
        HostSlots slots = new HostSlots(2);

        assertThat(slots.tryAcquire("feeds.example")).isTrue();
        assertThat(slots.tryAcquire("feeds.example")).isTrue();
        assertThat(slots.tryAcquire("feeds.example")).isFalse();
        assertThat(slots.tryAcquire("other.example")).isTrue();

        slots.release("feeds.example");

        assertThat(slots.inUse("feeds.example")).isEqualTo(1);
        assertThat(slots.tryAcquire("feeds.example")).isTrue();
    }

    @Test
    void sourcesWithoutAHostAreNeverHeldBack() {
        HostSlots slots = new HostSlots(1);

        for (int i = 0; i < 10; i++) {
            assertThat(slots.tryAcquire(null)).isTrue();
        }
        slots.release(null);
    }
}
