package io.tickflow.backfill;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One exchange's request budget: at most {@code permits} (weight units; 1 per request where the
 * exchange counts requests) in any window of {@code window}, shared by every job on that
 * exchange. A sliding log, so no burst at a window's edge doubles the rate. An exchange that
 * answered 429/418 with Retry-After pauses every caller until then.
 */
public final class RateLimiter {

    private record Spent(long atNanos, int cost) {
    }

    private final int permits;
    private final long windowNanos;
    private final Deque<Spent> log = new ArrayDeque<>();
    private int inWindow;
    private long pausedUntilNanos;

    public RateLimiter(int permits, Duration window) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs permits >= 1 and a window > 0");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
    }

    /** Waits until {@code cost} fits in the window (a cost above the budget waits for an empty window). */
    public synchronized void acquire(int cost) throws InterruptedException {
        int wanted = Math.min(cost, permits);
        while (true) {
            long now = System.nanoTime();
            while (!log.isEmpty() && now - log.peekFirst().atNanos() >= windowNanos) {
                inWindow -= log.removeFirst().cost();
            }
            long wait = 0;
            if (now < pausedUntilNanos) {
                wait = pausedUntilNanos - now;
            } else if (inWindow + wanted > permits) {
                wait = log.peekFirst().atNanos() + windowNanos - now;
            } else {
                log.addLast(new Spent(now, wanted));
                inWindow += wanted;
                return;
            }
            long millis = Math.max(1, wait / 1_000_000);
            wait(millis);
        }
    }

    /** Nobody calls the exchange for this long (its Retry-After). */
    public synchronized void pause(Duration duration) {
        pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + duration.toNanos());
    }
}
