package io.tickflow.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Where an event on the topics came from, as a Kafka header: a backfill's events (past candles
 * and trades, routes backfill-*-to-kafka) carry {@code tickflow-origin: backfill}. The sinks store
 * them like live ones; the stream and the webhooks, which deliver what happens now, pass them over,
 * so a client or subscriber is not sent a week of old trades as if they were new.
 */
public final class RecordOrigin {

    public static final String HEADER = "tickflow-origin";
    public static final String BACKFILL = "backfill";

    private RecordOrigin() {
    }

    public static boolean backfilled(ConsumerRecord<?, ?> record) {
        Header origin = record.headers().lastHeader(HEADER);
        return origin != null && origin.value() != null && BACKFILL.equals(new String(origin.value(), StandardCharsets.UTF_8));
    }
}
