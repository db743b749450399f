package io.tickflow.sink;

import java.util.List;

import io.questdb.client.Sender;
import io.tickflow.event.EventTime;
import io.tickflow.simulator.Tick;

/**
 * Writes a batch of ticks to QuestDB over ILP and flushes it, so the batch is stored when
 * write() returns and its Kafka offsets may be committed. A Sender is not thread-safe: one
 * writer serves one consumer thread.
 */
public class QuestDbTickWriter implements AutoCloseable {

    private String configuration;
    private String table;
    private Sender sender;

    public synchronized void write(List<Tick> ticks) {
        if (sender == null) {
            sender = Sender.fromConfig(configuration);
        }
        try {
            for (Tick tick : ticks) {
                sender.table(table).symbol("name", tick.name()).longColumn("value", tick.value())
                        .at(EventTime.epochMicros(tick.time()), java.time.temporal.ChronoUnit.MICROS);
            }
            sender.flush();
        } catch (RuntimeException e) {
            // a failed flush leaves the buffer half sent: start the retried batch from a clean sender
            closeSender();
            throw e;
        }
    }

    private void closeSender() {
        if (sender != null) {
            try {
                sender.close();
            } catch (RuntimeException ignored) {
                // the connection is being dropped anyway
            }
            sender = null;
        }
    }

    @Override
    public synchronized void close() {
        closeSender();
    }

    public void setConfiguration(String configuration) {
        this.configuration = configuration;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
