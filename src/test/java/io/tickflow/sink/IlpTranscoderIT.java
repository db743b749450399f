package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.questdb.client.Sender;
import io.tickflow.event.EventParser;
import io.tickflow.event.EventType;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events of the plain shape go from their bytes straight into ILP rows, and QuestDB stores
 * exactly the rows the parsed events give; any other shape is declined with nothing written,
 * for the full parser to judge.
 */
class IlpTranscoderIT {

    private final SharedServers servers = SharedServers.get();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Map<EventType, String> direct = tables("direct_");
    private final Map<EventType, String> parsed = tables("parsed_");

    @BeforeEach
    void createTables() throws Exception {
        create(direct);
        create(parsed);
    }

    @AfterEach
    void dropTables() throws Exception {
        try (Connection c = servers.questdbConnection(); Statement s = c.createStatement()) {
            for (Map<EventType, String> tables : List.of(direct, parsed)) {
                for (String table : tables.values()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
    }

    @Test
    void plainEventsAreStoredStraightFromTheirBytesAsTheParsedEventsAre() throws Exception {
        List<String> events = PlainShapeEvents.taken();
        IlpTranscoder transcoder = new IlpTranscoder(direct);
        IlpTranscoder viaParser = new IlpTranscoder(parsed);
        try (Sender directSender = sender(); Sender parsedSender = sender()) {
            for (String event : events) {
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                assertTrue(transcoder.write(directSender, bytes), "taken straight: " + event);
                viaParser.write(parsedSender, EventParser.parse(bytes));
            }
            directSender.flush();
            parsedSender.flush();
        }
        for (EventType type : EventType.values()) {
            Await.until(Duration.ofSeconds(30), "both " + type + " tables to be written",
                    () -> rows(parsed.get(type)).size() > 0 && rows(direct.get(type)).size() == rows(parsed.get(type)).size());
            assertEquals(rows(parsed.get(type)), rows(direct.get(type)), type + " rows");
        }
    }

    @Test
    void otherShapesAreDeclinedWithNothingWritten() throws Exception {
        String trade = Events.trade(3);
        List<String> declined = PlainShapeEvents.declined();
        IlpTranscoder transcoder = new IlpTranscoder(direct);
        try (Sender sender = sender()) {
            for (String event : declined) {
                assertFalse(transcoder.write(sender, event.getBytes(StandardCharsets.UTF_8)), "declined: " + event);
            }
            // a row left half written would make this one fail
            assertTrue(transcoder.write(sender, trade.getBytes(StandardCharsets.UTF_8)));
            sender.flush();
        }
        Await.until(Duration.ofSeconds(30), "the one trade stored", () -> rows(direct.get(EventType.TRADE)).size() == 1);
    }

    private Map<EventType, String> tables(String prefix) {
        Map<EventType, String> tables = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            tables.put(type, prefix + type.name().toLowerCase() + "_" + suffix);
        }
        return tables;
    }

    /** The tables as Tickflow's QuestDB schema creates them. */
    private void create(Map<EventType, String> tables) throws Exception {
        String schema = Files.readString(Path.of("resources", "sql", "questdb-schema.sql"))
                .replace("{{tickflow.sink.questdb.tickers-table}}", tables.get(EventType.TICK))
                .replace("{{tickflow.sink.questdb.trades-table}}", tables.get(EventType.TRADE))
                .replace("{{tickflow.sink.questdb.quotes-table}}", tables.get(EventType.QUOTE))
                .replace("{{tickflow.sink.questdb.liquidations-table}}", tables.get(EventType.LIQUIDATION))
                .replace("{{tickflow.sink.questdb.candles-table}}", tables.get(EventType.CANDLE));
        try (Connection c = servers.questdbConnection(); Statement s = c.createStatement()) {
            for (String statement : schema.split(";")) {
                String sql = statement.replaceAll("(?m)^--.*$", "").trim();
                if (sql.startsWith("CREATE TABLE")) {
                    s.execute(sql);
                }
            }
        }
    }

    private Sender sender() {
        return Sender.fromConfig("http::addr=127.0.0.1:" + servers.isolatedProperties().get("tickflow.questdb.http-port")
                + ";protocol_version=3;auto_flush=off;");
    }

    /** Every row of a table as text, in a fixed order. */
    private List<List<String>> rows(String table) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = servers.questdbConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(meta.getColumnName(i) + "=" + rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
