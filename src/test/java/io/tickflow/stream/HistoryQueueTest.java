package io.tickflow.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.tickflow.testing.Await;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryQueueTest {

    @Test
    void clientsTakeTurnsSoAFloodDoesNotDelayAnothersFirst() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        StreamClient flooder = client();
        StreamClient other = client();
        try (HistoryQueue queue = new HistoryQueue(1, 10)) {
            queue.submit(flooder, () -> {
                running.countDown();
                await(held);
                ran.add("flood-0");
            });
            // the flood's first query runs before the rest queue up, as when a client floods a busy server
            await(running);
            for (int i = 1; i < 10; i++) {
                int n = i;
                queue.submit(flooder, () -> ran.add("flood-" + n));
            }
            assertFalse(queue.hasRoom(flooder), "10 queued or running is the quota");
            assertTrue(queue.hasRoom(other));
            queue.submit(other, () -> ran.add("other"));
            held.countDown();
            Await.until(Duration.ofSeconds(10), "all run", () -> ran.size() == 11);
            assertEquals(List.of("flood-0", "flood-1", "other"), ran.subList(0, 3));
            Await.until(Duration.ofSeconds(10), "the quota free again", () -> queue.hasRoom(flooder));
        }
    }

    @Test
    void aGoneClientsWaitingQueriesAreDropped() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        StreamClient gone = client();
        try (HistoryQueue queue = new HistoryQueue(1, 3)) {
            queue.submit(gone, () -> await(held));
            queue.submit(gone, () -> ran.add("never"));
            queue.forget(gone);
            held.countDown();
            StreamClient next = client();
            queue.submit(next, () -> ran.add("next"));
            Await.until(Duration.ofSeconds(10), "the next client's query", () -> ran.contains("next"));
            assertEquals(List.of("next"), ran);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static StreamClient client() {
        return new StreamClient(null, 1) {
            @Override
            protected void write(StreamFrame frame) {
            }

            @Override
            protected boolean writeQueueFull() {
                return false;
            }

            @Override
            protected void onDrain(Runnable drained) {
            }
        };
    }
}
