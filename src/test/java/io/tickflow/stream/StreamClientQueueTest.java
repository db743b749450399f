package io.tickflow.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tickflow.testing.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that reads slowly loses the oldest events, never the replies to its own requests: an
 * error frame naming a limit must reach it even when its queue overflowed with events meanwhile.
 */
class StreamClientQueueTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void aFullQueueDropsEventsBeforeReplies() throws Exception {
        SlowClient client = new SlowClient(3);
        client.send("{\"event_type\":\"error\",\"message\":\"limit\"}");
        for (int i = 0; i < 5; i++) {
            client.send(StreamFrame.data("tickers", ("{\"name\":\"t" + i + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        client.open();
        Await.until(ofSeconds(5), "the queue written out", () -> client.written.size() >= 3);
        String all = String.join("\n", client.written);
        assertTrue(all.contains("\"limit\""), "the error frame was kept: " + all);
        assertTrue(all.contains("\"dropped\":3"), "the client was told of the 3 events lost: " + all);
        assertEquals(List.of(false, false), List.of(all.contains("\"t0\""), all.contains("\"t1\"")), "the oldest events went: " + all);
        assertTrue(all.contains("\"t4\""), "the newest event stayed: " + all);
    }

    /** A connection whose write queue is full until opened. */
    private static final class SlowClient extends StreamClient {
        private final List<String> written = new CopyOnWriteArrayList<>();
        private volatile boolean full = true;
        private volatile Runnable drained;

        SlowClient(int capacity) {
            super(VERTX.getOrCreateContext(), capacity);
        }

        void open() {
            full = false;
            Runnable r = drained;
            if (r != null) {
                VERTX.getOrCreateContext().runOnContext(v -> r.run());
            }
        }

        @Override
        protected void write(StreamFrame frame) {
            written.add(new String(frame.json(), StandardCharsets.UTF_8));
        }

        @Override
        protected boolean writeQueueFull() {
            return full;
        }

        @Override
        protected void onDrain(Runnable drained) {
            this.drained = drained;
        }
    }
}
