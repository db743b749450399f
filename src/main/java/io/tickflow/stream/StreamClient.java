package io.tickflow.stream;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;

/**
 * One connected client: its subscriptions and a bounded queue of outgoing frames. Publishers only
 * append to the queue, never wait; the client's own Vert.x context writes the queue out as fast
 * as the connection takes it. When the queue is full the oldest frames go, and the client is told
 * how many with a notice frame, so a slow client loses data but never slows anyone else.
 */
public abstract class StreamClient {

    private final Context context;
    private final int capacity;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private long dropped;
    private volatile boolean closed;

    /** A subscription; live events wait in {@code pending} while its history is loading. */
    static final class Subscription {
        final StreamRequest request;
        final StreamClient client;
        /** For ohlcv: the candles built from this subscription's trades. */
        final CandleBuilder candles;
        private List<Map.Entry<Instant, String>> pending = new ArrayList<>();

        Subscription(StreamRequest request, StreamClient client) {
            this.request = request;
            this.client = client;
            this.candles = request.interval() == null ? null
                    : new CandleBuilder(request.exchange(), request.symbol(), request.interval());
        }
    }

    protected StreamClient(Context context, int capacity) {
        this.context = context;
        this.capacity = capacity;
    }

    /** Writes one frame to the connection. Runs on the client's context. */
    protected abstract void write(String frame);

    protected abstract boolean writeQueueFull();

    protected abstract void onDrain(Runnable drained);

    Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    /** Queues a live event for a subscription, or holds it back while the history is on its way. */
    void offer(Subscription subscription, Instant eventTime, String frame) {
        synchronized (subscription) {
            if (subscription.pending != null) {
                subscription.pending.add(Map.entry(eventTime, frame));
                return;
            }
        }
        send(frame);
    }

    /**
     * Sends the history frame (if any), then the live events that came meanwhile and are newer
     * than the history, then lets live events through directly.
     */
    void goLive(Subscription subscription, String historyFrame, Instant historyEnd) {
        synchronized (subscription) {
            if (historyFrame != null) {
                send(historyFrame);
            }
            subscription.pending.stream().filter(e -> historyEnd == null || e.getKey().isAfter(historyEnd))
                    .forEach(e -> send(e.getValue()));
            subscription.pending = null;
        }
    }

    void send(String frame) {
        if (closed) {
            return;
        }
        synchronized (queue) {
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(frame);
        }
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        while (!closed) {
            if (writeQueueFull()) {
                onDrain(this::drain);
                return;
            }
            String frame;
            long droppedNow;
            synchronized (queue) {
                droppedNow = dropped;
                dropped = 0;
                frame = droppedNow > 0 ? null : queue.pollFirst();
            }
            if (droppedNow > 0) {
                write(notice(droppedNow));
            } else if (frame == null) {
                return;
            } else {
                write(frame);
            }
        }
    }

    static String notice(long dropped) {
        ObjectNode notice = StreamHub.JSON.createObjectNode();
        notice.put("event_type", "notice");
        notice.put("dropped", dropped);
        notice.put("message", dropped + " events were dropped because this client reads more slowly than they arrive");
        return notice.toString();
    }

    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
