package io.tickflow.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One exchange's request budget: at most {@code permits} (weight units; 1 per request where the
 * exchange counts requests) in any window of {@code window}, shared by every job on that
 * exchange. A sliding log, so no burst at a window's edge doubles the rate. A request counts from
 * when its answer came ({@link #done}), not when it was let go: the exchange saw it somewhere in
 * between, so counted this way no window of the exchange's holds more than the budget, however
 * long a request took to leave. An exchange that answered 429/418 with Retry-After pauses every
 * caller until then.
 */
public final class RateLimiter {

    /** One request's share of the budget, counted until a window after it is done. */
    public static final class Permit {

        private final int cost;
        private long doneNanos = Long.MAX_VALUE;

        private Permit(int cost) {
            this.cost = cost;
        }
    }

    private final int permits;
    private final long windowNanos;
    private final List<Permit> spent = new ArrayList<>();
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
    public synchronized Permit acquire(int cost) throws InterruptedException {
        int wanted = Math.min(cost, permits);
        while (true) {
            long now = System.nanoTime();
            long nextExpiry = expire(now);
            long wait;
            if (now < pausedUntilNanos) {
                wait = pausedUntilNanos - now;
            } else if (inWindow + wanted <= permits) {
                Permit permit = new Permit(wanted);
                spent.add(permit);
                inWindow += wanted;
                return permit;
            } else {
                // requests still in flight end with done(), which wakes us
                wait = nextExpiry == Long.MAX_VALUE ? windowNanos : nextExpiry - now;
            }
            wait(Math.max(1, wait / 1_000_000));
        }
    }

    /** The request of this permit has its answer (or gave up): its share counts for one more window. */
    public synchronized void done(Permit permit) {
        permit.doneNanos = System.nanoTime();
        notifyAll();
    }

    /** Nobody calls the exchange for this long (its Retry-After). */
    public synchronized void pause(Duration duration) {
        pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + duration.toNanos());
    }

    /** Drops the permits a window past their request; returns when the next one will be, or MAX_VALUE. */
    private long expire(long now) {
        long next = Long.MAX_VALUE;
        for (Iterator<Permit> it = spent.iterator(); it.hasNext();) {
            Permit permit = it.next();
            if (permit.doneNanos == Long.MAX_VALUE) {
                continue;
            }
            long expiry = permit.doneNanos + windowNanos;
            if (expiry - now <= 0) {
                it.remove();
                inWindow -= permit.cost;
            } else {
                next = Math.min(next, expiry);
            }
        }
        return next;
    }
}
