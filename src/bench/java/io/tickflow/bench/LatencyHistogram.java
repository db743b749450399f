package io.tickflow.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in 1 ms buckets up to 2 minutes (longer ones count in the last), recorded from many
 * threads without allocating: the fan-out receives a million events a second, and a list of
 * every latency, sorted at the end, cost the benchmark more CPU than the code it measured.
 */
final class LatencyHistogram {

    private static final int BUCKETS = 120_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();

    /** {@code events} events arrived {@code micros} after their time. */
    void record(long micros, long events) {
        counts.addAndGet((int) Math.max(0, Math.min(BUCKETS - 1, micros / 1000)), events);
        total.add(events);
    }

    long count() {
        return total.sum();
    }

    /** The latency in ms below which a fraction {@code q} of the events arrived (bucket upper bound). */
    String percentile(double q) {
        long all = count();
        if (all == 0) {
            return "n/a";
        }
        long rank = (long) Math.ceil(q * all);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i == BUCKETS - 1 ? ">= 120 s" : (i + 1) + " ms";
            }
        }
        return "n/a";
    }
}
