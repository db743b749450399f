package io.tickflow.sink;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.camel.spi.RouteController;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sink routes are killed mid-stream (forced stop, in-flight batches abandoned, nothing
 * flushed or committed) and restarted, repeatedly; the tables still hold exactly the produced
 * events: no loss, no duplicates.
 */
class SinkCrashIT {

    private static final int EVENTS = 60_000;

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.sink.batch-size", "2000");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void killedSinksLoseAndDuplicateNothing() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props);
                KafkaProducer<String, String> producer = Events.producer(servers.kafkaBootstrap())) {
            RouteController routes = app.camelContext().getRouteController();
            long chunk = EVENTS / 4;
            for (int round = 0; round < 4; round++) {
                long from = round * chunk;
                LongStream.range(from, from + chunk).forEach(i -> producer.send(
                        new ProducerRecord<>(props.get("tickflow.topics.trades"), "binance:BTC-USDT", Events.trade(i))));
                producer.flush();
                Await.until(ofSeconds(30), "the sinks to be mid-stream",
                        () -> questdbCount() > from && postgresCount() > from);
                for (String route : List.of("kafka-to-questdb", "kafka-to-postgres")) {
                    // a 1 ms timeout abandons whatever batch is in flight, as a crash would
                    routes.stopRoute(route, 1, TimeUnit.MILLISECONDS);
                }
                for (String route : List.of("kafka-to-questdb", "kafka-to-postgres")) {
                    routes.startRoute(route);
                }
            }
            Await.until(ofSeconds(90), EVENTS + " trades in both databases",
                    () -> questdbCount() == EVENTS && postgresCount() == EVENTS);
        }
        BigDecimal expectedSum = LongStream.range(0, EVENTS).mapToObj(Events::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        String questdb = props.get("tickflow.sink.questdb.trades-table");
        String postgres = props.get("tickflow.sink.postgres.trades-table");
        assertEquals(List.of(String.valueOf(EVENTS), expectedSum.stripTrailingZeros().toPlainString()),
                row(servers.questdbConnection(), "SELECT count_distinct(trade_id), sum(price) FROM " + questdb));
        assertEquals(List.of(String.valueOf(EVENTS), expectedSum.stripTrailingZeros().toPlainString()),
                row(servers.postgresConnection(), "SELECT count(DISTINCT trade_id), sum(price) FROM " + postgres));
    }

    private long questdbCount() throws Exception {
        return Long.parseLong(row(servers.questdbConnection(),
                "SELECT count() FROM " + props.get("tickflow.sink.questdb.trades-table")).get(0));
    }

    private long postgresCount() throws Exception {
        return Long.parseLong(row(servers.postgresConnection(),
                "SELECT count(*) FROM " + props.get("tickflow.sink.postgres.trades-table")).get(0));
    }

    private static List<String> row(Connection connection, String sql) throws Exception {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            List<String> values = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object value = rs.getObject(i);
                values.add(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value));
            }
            return values;
        }
    }
}
