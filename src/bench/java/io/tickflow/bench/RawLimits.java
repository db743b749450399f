package io.tickflow.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.questdb.client.Sender;
import io.tickflow.event.EventTime;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;

/**
 * The yardsticks the sink routes are held against: the QuestDB client and PostgreSQL COPY
 * writing the same rows straight into the same servers, and the naive bridge most hand-made
 * pipelines use (one autocommitted INSERT per Kafka message).
 */
final class RawLimits {

    /** One trade row, already in memory, so only the write is timed. */
    record TradeRow(Instant ts, Instant receivedTs, String exchange, String symbol, String rawSymbol, String side,
            String price, String amount, String tradeId) {
    }

    private RawLimits() {
    }

    static void questdbClient(String ilpConfiguration, String table, List<TradeRow> rows, int batch) {
        try (Sender sender = Sender.fromConfig(ilpConfiguration)) {
            int pending = 0;
            for (TradeRow r : rows) {
                sender.table(table).symbol("exchange", r.exchange()).symbol("symbol", r.symbol())
                        .symbol("raw_symbol", r.rawSymbol()).symbol("side", r.side())
                        .timestampColumn("received_ts", EventTime.epochMicros(r.receivedTs()), ChronoUnit.MICROS)
                        .decimalColumn("price", r.price()).decimalColumn("amount", r.amount())
                        .stringColumn("trade_id", r.tradeId())
                        .at(EventTime.epochMicros(r.ts()), ChronoUnit.MICROS);
                if (++pending == batch) {
                    sender.flush();
                    pending = 0;
                }
            }
            sender.flush();
        }
    }

    static void postgresCopy(Connection connection, String table, List<TradeRow> rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows.size() * 100);
        for (TradeRow r : rows) {
            csv.append('"').append(r.tradeId()).append("\",\"").append(r.symbol()).append("\",").append(r.amount())
                    .append(',').append(EventTime.format(r.ts())).append(",\"").append(r.exchange()).append("\",")
                    .append(r.price()).append(",\"").append(r.side()).append("\"\n");
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table
                + " (trade_id, symbol, trade_volume, timestamp, exchange, price, side) FROM STDIN WITH (FORMAT csv)",
                new StringReader(csv.toString()));
    }

    /**
     * The same COPY cut into chunks, sent over several connections at once, each chunk its own
     * transaction: what the route's parallel consumers could reach at best.
     */
    static void postgresCopyParallel(Callable<Connection> connections, String table, List<TradeRow> rows, int streams,
            int chunk) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                done.add(pool.submit(() -> {
                    try (Connection connection = connections.call()) {
                        for (int from = next.getAndAdd(chunk); from < rows.size(); from = next.getAndAdd(chunk)) {
                            postgresCopy(connection, table, rows.subList(from, Math.min(from + chunk, rows.size())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Reads messages from the start of a topic and INSERTs each on its own; returns the rows/s of
     * the messages after the first warmup ones.
     */
    static double naiveBridge(String bootstrap, String topic, Connection connection, String table, int warmup,
            int messages) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "naive-bridge-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        connection.setAutoCommit(true);
        String sql = "INSERT INTO " + table + " (trade_id, symbol, trade_volume, timestamp, exchange, price, side)"
                + " VALUES (?, ?, ?::numeric, ?, ?, ?::numeric, ?) ON CONFLICT DO NOTHING";
        int done = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
                PreparedStatement insert = connection.prepareStatement(sql)) {
            consumer.subscribe(List.of(topic));
            while (done < warmup + messages) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode t = json.readTree(record.value());
                    insert.setString(1, t.get("tradeId").asText());
                    insert.setString(2, t.get("symbol").asText());
                    insert.setString(3, t.get("amount").asText());
                    insert.setObject(4, OffsetDateTime.ofInstant(Instant.parse(t.get("ts").asText()), ZoneOffset.UTC));
                    insert.setString(5, t.get("exchange").asText());
                    insert.setString(6, t.get("price").asText());
                    insert.setString(7, t.get("side").asText());
                    insert.executeUpdate();
                    if (++done == warmup) {
                        start = System.nanoTime();
                    }
                    if (done == warmup + messages) {
                        break;
                    }
                }
            }
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    static void createLike(Connection connection, String table, String like) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + table + " (LIKE " + like + " INCLUDING ALL)");
        }
    }
}
