package io.tickflow.webhook;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    @Test
    void defaultScheduleHasEightAttemptsWithinTwentyPercent() {
        RetryPolicy policy = new RetryPolicy();
        assertEquals(8, policy.maxAttempts());
        assertEquals(Duration.ZERO, policy.nextDelay(0, null));
        for (int i = 0; i < 100; i++) {
            long seconds = policy.nextDelay(3, null).toSeconds();
            assertTrue(seconds >= 24 * 60 && seconds <= 36 * 60, "30 min ± 20%: " + seconds);
        }
        assertNull(policy.nextDelay(8, null));
    }

    @Test
    void retryAfterWinsWhenLonger() {
        RetryPolicy policy = new RetryPolicy();
        policy.setSchedule("0s,100ms");
        policy.setJitter(0);
        assertEquals(Duration.ofMillis(100), policy.nextDelay(1, Duration.ofMillis(50)));
        assertEquals(Duration.ofSeconds(3), policy.nextDelay(1, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(7), RetryPolicy.retryAfter("7", NOW));
        assertEquals(Duration.ofSeconds(60), RetryPolicy.retryAfter("Wed, 25 Nov 2026 20:01:00 GMT", NOW));
        assertNull(RetryPolicy.retryAfter("soon", NOW));
    }

    @Test
    void classifiesStatusCodes() {
        assertTrue(RetryPolicy.isRetryable(500));
        assertTrue(RetryPolicy.isRetryable(503));
        assertTrue(RetryPolicy.isRetryable(429));
        assertFalse(RetryPolicy.isRetryable(404));
        assertFalse(RetryPolicy.isRetryable(301));
        assertTrue(RetryPolicy.isSuccess(204));
        assertFalse(RetryPolicy.isSuccess(302));
    }

    @Test
    void refusesABadSchedule() {
        RetryPolicy policy = new RetryPolicy();
        assertThrows(IllegalArgumentException.class, () -> policy.setSchedule("0s,5x"));
        assertThrows(IllegalArgumentException.class, () -> policy.setSchedule("0s,,5s"));
    }
}
