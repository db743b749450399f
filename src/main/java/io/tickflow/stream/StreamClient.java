package io.tickflow.stream;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;

/**
 * One connected client: its subscriptions and its outgoing frames. A frame is handed straight to
 * the connection's write queue from the publishing thread while that queue has room (Vert.x then
 * writes a burst with one flush); once it is full, frames wait in a bounded queue of this client
 * that its own Vert.x context writes out as the connection drains. When that queue is full too the
 * oldest frames of events go (replies to the client's requests stay), and the client is told how
 * many events it lost with a notice frame, so a slow client loses data but never slows anyone else. Subscriptions with batch_ms have their live
 * events gathered into one batch frame per window.
 */
public abstract class StreamClient {

    private final Context context;
    private final int capacity;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Guards the fields below and the order of writes. */
    private final Object lock = new Object();
    private final ArrayDeque<StreamFrame> queue = new ArrayDeque<>();
    private boolean drainScheduled;
    private long dropped;
    private List<StreamFrame> batch;
    private volatile boolean closed;

    /** A subscription; live events wait in {@code pending} while its history is loading. */
    static final class Subscription {
        final StreamRequest request;
        final StreamClient client;
        /** For ohlcv: the candles built from this subscription's trades. */
        final CandleBuilder candles;
        private List<Map.Entry<Instant, StreamFrame>> pending = new ArrayList<>();

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

    /** Hands one frame to the connection; called with the client's lock held, from any thread. */
    protected abstract void write(StreamFrame frame);

    /** Whether the connection's write queue is full (or the connection gone). */
    protected abstract boolean writeQueueFull();

    /** Runs {@code drained} on the client's context once the connection's write queue has room. */
    protected abstract void onDrain(Runnable drained);

    Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    /** Queues a live event for a subscription, or holds it back while the history is on its way. */
    void offer(Subscription subscription, Instant eventTime, StreamFrame frame) {
        synchronized (subscription) {
            if (subscription.pending != null) {
                subscription.pending.add(Map.entry(eventTime, frame));
                return;
            }
        }
        deliver(subscription, frame);
    }

    /**
     * Sends the history frame (if any), then the live events that came meanwhile and are newer
     * than the history, then lets live events through directly.
     */
    void goLive(Subscription subscription, StreamFrame historyFrame, Instant historyEnd) {
        synchronized (subscription) {
            if (historyFrame != null) {
                send(historyFrame);
            }
            subscription.pending.stream().filter(e -> historyEnd == null || e.getKey().isAfter(historyEnd))
                    .forEach(e -> deliver(subscription, e.getValue()));
            subscription.pending = null;
        }
    }

    private void deliver(Subscription subscription, StreamFrame frame) {
        if (subscription.request.batchMs() > 0) {
            addToBatch(subscription.request.batchMs(), frame);
        } else {
            send(frame);
        }
    }

    /**
     * Adds a live event to the open batch, or opens one that goes out a window later: the smallest
     * batch_ms of this client's subscriptions, so every batched subscription gets its events at
     * least as often as it asked.
     */
    private void addToBatch(int batchMs, StreamFrame frame) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (batch == null) {
                batch = new ArrayList<>();
                long window = subscriptions.values().stream().mapToInt(s -> s.request.batchMs()).filter(ms -> ms > 0)
                        .min().orElse(batchMs);
                context.runOnContext(v -> context.owner().setTimer(window, t -> sendBatch()));
            }
            batch.add(frame);
        }
    }

    private void sendBatch() {
        synchronized (lock) {
            List<StreamFrame> frames = batch;
            batch = null;
            if (frames != null) {
                send(StreamFrame.batch(frames));
            }
        }
    }

    void send(String frame) {
        send(StreamFrame.control(frame));
    }

    void send(StreamFrame frame) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (queue.isEmpty() && !drainScheduled && !writeQueueFull()) {
                write(frame);
                return;
            }
            if (queue.size() >= capacity) {
                dropped += Math.max(1, dropOldest().events());
            }
            queue.addLast(frame);
            if (!drainScheduled) {
                drainScheduled = true;
                context.runOnContext(v -> drain());
            }
        }
    }

    /**
     * Drops the oldest frame of events, so replies to the client's own requests (subscribed, error
     * frames naming a limit) are kept while there are events to drop; the oldest frame otherwise.
     */
    private StreamFrame dropOldest() {
        for (var frames = queue.iterator(); frames.hasNext(); ) {
            StreamFrame frame = frames.next();
            if (frame.events() > 0) {
                frames.remove();
                return frame;
            }
        }
        return queue.pollFirst();
    }

    /** Writes the queued frames while the connection takes them; runs on the client's context. */
    private void drain() {
        synchronized (lock) {
            drainScheduled = false;
            while (!closed && !queue.isEmpty()) {
                if (writeQueueFull()) {
                    drainScheduled = true;
                    onDrain(this::drain);
                    return;
                }
                if (dropped > 0) {
                    write(StreamFrame.control(notice(dropped)));
                    dropped = 0;
                } else {
                    write(queue.pollFirst());
                }
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
        synchronized (lock) {
            closed = true;
            queue.clear();
            batch = null;
        }
    }

    boolean isClosed() {
        return closed;
    }
}
