package io.tickflow.feed;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    @Test
    void doublesUpToTheCapWithJitterInTheUpperHalf() {
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), () -> 0.999999);
        assertEquals(250, low.delay(0).toMillis());
        assertEquals(499, high.delay(0).toMillis());
        assertEquals(1000, low.delay(2).toMillis());
        assertEquals(30_000, low.delay(7).toMillis(), "500 ms * 2^7 is over the cap of 60 s");
        assertEquals(59_999, high.delay(1000).toMillis(), "no overflow however many attempts");
    }

    @Test
    void rejectsACapBelowTheFirstDelay() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0.5));
    }
}
