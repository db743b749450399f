package io.tickflow.bench;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

import io.tickflow.event.EventTime;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces ticks at a fixed rate, the names in turn, keyed by name, each with its time stamped
 * when sent and a sequence number as its value (negative for warm-up ticks). Every millisecond
 * the ticks due by then go out, parked in between, not spun: a spinning producer took one of the
 * two cores from what it measured.
 */
final class PacedTicks {

    private PacedTicks() {
    }

    /** {@code count} ticks at {@code rate} per second; values {@code firstValue} counting up (down when negative). */
    static void produce(String bootstrap, String topic, List<String> names, int rate, long count, long firstValue) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        long step = firstValue < 0 ? -1 : 1;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long started = System.nanoTime();
            long sent = 0;
            while (sent < count) {
                long due = Math.min(count, (System.nanoTime() - started) * rate / 1_000_000_000L + 1);
                String time = EventTime.format(Instant.now());
                for (; sent < due; sent++) {
                    String name = names.get((int) (sent % names.size()));
                    producer.send(new ProducerRecord<>(topic, name,
                            "{\"name\":\"" + name + "\",\"value\":" + (firstValue + step * sent) + ",\"time\":\"" + time + "\"}"));
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
