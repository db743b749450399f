package io.tickflow.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limiter lets no more than its permits through in any window, counting each request's weight, and honours a pause. */
class RateLimiterTest {

    @Test
    void noWindowHoldsMoreThanThePermits() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(4, Duration.ofMillis(200));
        List<Long> granted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            limiter.done(limiter.acquire(1));
            granted.add(System.nanoTime());
        }
        for (int i = 0; i + 4 < granted.size(); i++) {
            assertTrue(granted.get(i + 4) - granted.get(i) >= 200_000_000L, "the 5th request after " + i + " came within the window");
        }
    }

    @Test
    void weightsCountAndAPauseHoldsEveryone() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(10, Duration.ofMillis(300));
        long start = System.nanoTime();
        limiter.done(limiter.acquire(5));
        limiter.done(limiter.acquire(5));
        limiter.done(limiter.acquire(5));
        assertTrue(System.nanoTime() - start >= 300_000_000L, "the third request of weight 5 waited for the window");

        limiter.pause(Duration.ofMillis(250));
        long paused = System.nanoTime();
        limiter.done(limiter.acquire(1));
        assertTrue(System.nanoTime() - paused >= 250_000_000L, "waited out the Retry-After");
    }

    @Test
    void aRequestCountsFromItsAnswerSoASlowOneHoldsItsShareLonger() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(200));
        RateLimiter.Permit slow = limiter.acquire(1);
        Thread.sleep(300);
        long answered = System.nanoTime();
        limiter.done(slow);
        limiter.done(limiter.acquire(1));
        assertTrue(System.nanoTime() - answered >= 200_000_000L, "the next request waited a window after the slow one's answer");
    }
}
