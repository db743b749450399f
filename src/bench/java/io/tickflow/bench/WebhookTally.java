package io.tickflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import io.tickflow.event.EventTime;

/**
 * What webhook receivers got during one measurement: requests, events (a body's `"time":"`
 * fields, counted without a JSON tree), unique and repeated `webhook-id`s, the latency from each
 * event's time to its arrival (for a batch, its first and oldest event's, counted for every event
 * in it: an upper bound), and, for one event per request, how often each event (by its `value`,
 * a sequence number) arrived. Negative values are warm-up events and are not counted.
 */
final class WebhookTally {

    private static final String TIME_FIELD = "\"time\":\"";
    private static final String VALUE_FIELD = "\"value\":";

    final LatencyHistogram latencies = new LatencyHistogram();
    final LongAdder requests = new LongAdder();
    final LongAdder repeatedIds = new LongAdder();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicIntegerArray perEvent;

    /** {@code events}: how many single events to count one by one (0: none, for batches). */
    WebhookTally(int events) {
        this.perEvent = new AtomicIntegerArray(events);
    }

    void record(String webhookId, String body) {
        int first = body.indexOf(TIME_FIELD);
        if (first < 0) {
            return;
        }
        if (perEvent.length() > 0) {
            int at = body.indexOf(VALUE_FIELD) + VALUE_FIELD.length();
            int end = at;
            while (end < body.length() && (Character.isDigit(body.charAt(end)) || body.charAt(end) == '-')) {
                end++;
            }
            long value = Long.parseLong(body.substring(at, end));
            if (value < 0) {
                return;
            }
            if (value < perEvent.length()) {
                perEvent.incrementAndGet((int) value);
            }
        }
        requests.increment();
        if (!ids.add(webhookId)) {
            repeatedIds.increment();
        }
        int start = first + TIME_FIELD.length();
        Instant sent = EventTime.parse(body.substring(start, body.indexOf('"', start)));
        long micros = Duration.between(sent, Instant.now()).toNanos() / 1000;
        int events = 0;
        for (int at = first; at >= 0; at = body.indexOf(TIME_FIELD, at + TIME_FIELD.length())) {
            events++;
        }
        latencies.record(micros, events);
    }

    long events() {
        return latencies.count();
    }

    long uniqueIds() {
        return ids.size();
    }

    boolean countsEach() {
        return perEvent.length() > 0;
    }

    /** Events counted one by one that never arrived, and that arrived more than once. */
    long[] missingAndRepeated() {
        long missing = 0;
        long repeated = 0;
        for (int i = 0; i < perEvent.length(); i++) {
            int n = perEvent.get(i);
            missing += n == 0 ? 1 : 0;
            repeated += Math.max(0, n - 1);
        }
        return new long[] {missing, repeated};
    }
}
