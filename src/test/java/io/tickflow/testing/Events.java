package io.tickflow.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import io.tickflow.event.EventTime;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Normalized events as the connectors publish them, and a producer to put them on Kafka. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private Events() {
    }

    /** Trade number i: distinct id and time, a price with many exact decimals. */
    public static String trade(long i) {
        return "{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"rawSymbol\":\"BTCUSDT\","
                + "\"ts\":\"" + EventTime.format(T0.plus(i, ChronoUnit.MICROS)) + "\","
                + "\"receivedTs\":\"" + EventTime.format(T0.plus(i + 1500, ChronoUnit.MICROS)) + "\","
                + "\"side\":\"" + (i % 2 == 0 ? "buy" : "sell") + "\",\"price\":\"" + price(i).toPlainString() + "\","
                + "\"amount\":\"0.00" + (1 + i % 97) + "\",\"tradeId\":\"" + i + "\"}";
    }

    public static BigDecimal price(long i) {
        return new BigDecimal("97000.123456789012345678").add(BigDecimal.valueOf(i % 1000, 2));
    }

    public static void send(String bootstrap, String topic, String key, List<String> values) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Producing to " + topic + " failed", e);
        }
    }

    public static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // the idempotent producer was seen stuck retrying OutOfOrderSequence against the in-JVM
        // broker under load; the sinks de-duplicate, so a retried duplicate is harmless here
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
