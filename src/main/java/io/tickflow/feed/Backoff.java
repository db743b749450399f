package io.tickflow.feed;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with "equal jitter": attempt n waits between half and all of
 * min(cap, initial * 2^n), so reconnecting feeds do not hit an exchange in lockstep.
 */
public final class Backoff {

    private final long initialMs;
    private final long capMs;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration cap, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= cap, got " + initial + " and " + cap);
        }
        this.initialMs = initial.toMillis();
        this.capMs = cap.toMillis();
        this.random = random;
    }

    public Duration delay(int attempt) {
        long ceiling = Math.min(capMs, initialMs << Math.min(attempt, 30));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
