package io.tickflow.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history queries of all clients, run by a few threads in turns: one query of each client
 * with any waiting, round-robin, so a client with many queued cannot delay another's first. Each
 * client has at most {@code perClient} queued or running; the queue is therefore bounded by the
 * connections times that quota, and a client over its quota is refused rather than queued.
 */
final class HistoryQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryQueue.class);

    private final int perClient;
    private final List<Thread> workers = new ArrayList<>();
    /** Guarded by this: the waiting queries of each client, the clients whose turn is next, the queued or running counts. */
    private final Map<StreamClient, ArrayDeque<Runnable>> waiting = new HashMap<>();
    private final ArrayDeque<StreamClient> turns = new ArrayDeque<>();
    private final Map<StreamClient, Integer> inFlight = new HashMap<>();

    HistoryQueue(int threads, int perClient) {
        this.perClient = perClient;
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "stream-history-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Whether the client may queue another query (only the client's own thread adds to its count). */
    synchronized boolean hasRoom(StreamClient client) {
        return inFlight.getOrDefault(client, 0) < perClient;
    }

    /** Queues a query of the client; call only after {@link #hasRoom} said yes. */
    synchronized void submit(StreamClient client, Runnable query) {
        inFlight.merge(client, 1, Integer::sum);
        ArrayDeque<Runnable> queries = waiting.computeIfAbsent(client, c -> new ArrayDeque<>());
        if (queries.isEmpty()) {
            turns.addLast(client);
        }
        queries.addLast(query);
        notifyAll();
    }

    /** Drops the waiting queries of a client that has gone. */
    synchronized void forget(StreamClient client) {
        ArrayDeque<Runnable> queries = waiting.remove(client);
        if (queries != null) {
            turns.remove(client);
            release(client, queries.size());
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            StreamClient client;
            Runnable query;
            synchronized (this) {
                while (turns.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                client = turns.pollFirst();
                ArrayDeque<Runnable> queries = waiting.get(client);
                query = queries.pollFirst();
                if (queries.isEmpty()) {
                    waiting.remove(client);
                } else {
                    turns.addLast(client);
                }
            }
            try {
                query.run();
            } catch (RuntimeException e) {
                LOG.warn("A history query failed: {}", e.toString());
            } finally {
                synchronized (this) {
                    release(client, 1);
                }
            }
        }
    }

    private void release(StreamClient client, int queries) {
        inFlight.computeIfPresent(client, (c, n) -> n - queries <= 0 ? null : n - queries);
    }

    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }
}
