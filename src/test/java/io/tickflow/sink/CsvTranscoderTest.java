package io.tickflow.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.event.EventParser;
import io.tickflow.event.EventType;
import io.tickflow.testing.Events;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The COPY rows written straight from events' bytes are byte for byte those of the parsed
 * events; events of other shapes are declined with nothing written. (PostgresWriterIT stores
 * them in PostgreSQL.)
 */
class CsvTranscoderTest {

    private final Map<EventType, PostgresTable> tables = tables();

    @Test
    void plainEventsGiveTheRowsTheirParsedEventsGive() throws Exception {
        CsvTranscoder direct = new CsvTranscoder(tables);
        CsvTranscoder viaParser = new CsvTranscoder(tables);
        for (String event : PlainShapeEvents.taken()) {
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            assertTrue(direct.write(bytes), "taken straight: " + event);
            viaParser.write(EventParser.parse(bytes));
        }
        Map<String, String> rows = texts(direct);
        assertEquals(texts(viaParser), rows);
        assertEquals(List.of("records", "trades", "current_price"), List.copyOf(rows.keySet()), "candles and liquidations left out");
        assertTrue(rows.get("trades").contains("\n\"7,8\",BTC-USDT,3,2026-03-01T00:00:01.000001Z,binance,100,buy,0.003\n"),
                rows.get("trades"));
        assertTrue(rows.get("current_price").contains(",-1.25,,0,,2026-03-01T00:00:01.000001Z\n"), "absent sizes are NULL: "
                + rows.get("current_price"));
    }

    @Test
    void otherShapesAreDeclinedWithNothingWritten() throws IOException {
        CsvTranscoder transcoder = new CsvTranscoder(tables);
        for (String event : PlainShapeEvents.declined()) {
            assertFalse(transcoder.write(event.getBytes(StandardCharsets.UTF_8)), "declined: " + event);
        }
        assertEquals(Map.of(), texts(transcoder));
        assertTrue(transcoder.write(Events.trade(3).getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, texts(transcoder).get("trades").lines().count());
    }

    @Test
    void aParsedEventWithAnyTextIsQuotedAsCsvNeeds() throws Exception {
        CsvTranscoder transcoder = new CsvTranscoder(tables);
        // the trade id a"b,ä, with an escaped quote and an escaped letter
        String trade = Events.trade(4).replace("\"tradeId\":\"4\"", "\"tradeId\":\"a\\\"b,\\u00e4\"");
        assertFalse(transcoder.write(trade.getBytes(StandardCharsets.UTF_8)), "escapes are the parser's");
        transcoder.write(EventParser.parse(trade.getBytes(StandardCharsets.UTF_8)));
        assertTrue(texts(transcoder).get("trades").startsWith("\"a\"\"b,\u00e4\",BTC-USDT,"), texts(transcoder).get("trades"));
    }

    @Test
    void aResetEmptiesTheRowsForTheNextBatch() throws IOException {
        CsvTranscoder transcoder = new CsvTranscoder(tables);
        transcoder.write(Events.trade(5).getBytes(StandardCharsets.UTF_8));
        transcoder.reset();
        assertEquals(Map.of(), texts(transcoder));
        transcoder.write(Events.trade(6).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, texts(transcoder).get("trades").lines().count());
    }

    private static Map<EventType, PostgresTable> tables() {
        Map<EventType, PostgresTable> tables = new EnumMap<>(EventType.class);
        tables.put(EventType.TICK, PostgresTable.records("records"));
        tables.put(EventType.TRADE, PostgresTable.trades("trades"));
        tables.put(EventType.QUOTE, PostgresTable.currentPrice("current_price"));
        return tables;
    }

    /** The rows per table name, as text, read the way COPY reads them. */
    private static Map<String, String> texts(CsvTranscoder transcoder) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<PostgresTable, CsvTranscoder.Text> entry : transcoder.rows().entrySet()) {
            String table = entry.getKey().staging().replace("tickflow_staging_", "");
            texts.put(table, new String(entry.getValue().stream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return texts;
    }
}
