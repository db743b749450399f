package io.tickflow.sink;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.event.EventField;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.FieldKind;
import io.tickflow.event.ParsedEvent;

/**
 * Writes events as the CSV rows PostgreSQL's COPY reads, one text per table. An event's JSON
 * bytes go straight into its row when {@link FlatEvent} accepts them (its texts, decimals and
 * times are then already what the row holds); anything else is declined with nothing written,
 * and the caller parses it, then gives it to {@link #write(ParsedEvent)}. Both ways write the
 * same row. Events of a type without a table are taken and left out. One instance per thread,
 * reused from batch to batch.
 */
final class CsvTranscoder {

    private final Map<EventType, PostgresTable> tables;
    private final Map<EventType, Rows> rows = new EnumMap<>(EventType.class);
    private final FlatEvent event = new FlatEvent();
    private final StringBuilder parsedRow = new StringBuilder();

    CsvTranscoder(Map<EventType, PostgresTable> tables) {
        this.tables = tables;
        tables.keySet().forEach(type -> rows.put(type, new Rows()));
    }

    /** Empties the rows, for the next batch or a retried one. */
    void reset() {
        rows.values().forEach(Rows::reset);
    }

    /** The rows written since the last reset, per table that got any. */
    Map<PostgresTable, Text> rows() {
        Map<PostgresTable, Text> texts = new LinkedHashMap<>();
        rows.forEach((type, text) -> {
            if (text.size > 0) {
                texts.put(tables.get(type), new Text(text.bytes, text.size));
            }
        });
        return texts;
    }

    /** One table's rows: the first size bytes. */
    record Text(byte[] bytes, int size) {
        /** COPY's input, read from the start each time it is asked. */
        InputStream stream() {
            return new ByteArrayInputStream(bytes, 0, size);
        }
    }

    /** Writes the event's row straight from its bytes; false, with nothing written, if it is declined. */
    boolean write(byte[] bytes) {
        EventType type = event.read(bytes);
        if (type == null) {
            return false;
        }
        PostgresTable table = tables.get(type);
        if (table == null) {
            return true;
        }
        Rows out = rows.get(type);
        int[] names = FlatEvent.fieldNames(type);
        List<EventField> fields = type.fields();
        int[] sources = table.sources();
        for (int column = 0; column < sources.length; column++) {
            if (column > 0) {
                out.put((byte) ',');
            }
            int source = sources[column];
            int name = source == PostgresTable.TIME ? FlatEvent.timeName(type) : names[source];
            if (event.isMissing(name)) {
                continue;
            }
            byte[] b = event.bytes();
            int from = event.start(name);
            int end = event.end(name);
            switch (source == PostgresTable.TIME ? FieldKind.TIMESTAMP : fields.get(source).kind()) {
                // already as COPY reads them: plain decimals, times in the wire layout, printable ASCII
                // without quotes or backslashes, which only a comma makes CSV quote
                case DECIMAL, POSITIVE_DECIMAL, TIMESTAMP -> out.put(b, from, end);
                case SYMBOL, SIDE, STRING -> putText(out, b, from, end);
                case LONG -> out.put(Long.toString(event.number(name)));
                case BOOLEAN -> out.put(event.kind(name) == FlatJson.TRUE ? "true" : "false");
            }
        }
        out.put((byte) '\n');
        return true;
    }

    /** Writes a parsed event's row (left out if its type has no table). */
    void write(ParsedEvent parsed) {
        PostgresTable table = tables.get(parsed.type());
        if (table == null) {
            return;
        }
        parsedRow.setLength(0);
        for (int column = 0; column < table.sources().length; column++) {
            if (column > 0) {
                parsedRow.append(',');
            }
            appendCsv(parsedRow, table.value(parsed, column));
        }
        parsedRow.append('\n');
        rows.get(parsed.type()).put(parsedRow.toString());
    }

    private static void putText(Rows out, byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == ',') {
                out.put((byte) '"');
                out.put(b, from, end);
                out.put((byte) '"');
                return;
            }
        }
        out.put(b, from, end);
    }

    /** CSV as COPY reads it: empty unquoted is NULL, quoted text has its quotes doubled. */
    private static void appendCsv(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Instant instant) {
            csv.append(EventTime.format(instant));
        } else if (value instanceof String text) {
            appendCsvText(csv, text);
        } else {
            csv.append(value);
        }
    }

    /**
     * Quoted only when it must be, as most texts are plain: when empty (unquoted it would be NULL),
     * or holding a delimiter, a quote or a line break (or a backslash, which could form COPY's
     * end-of-data marker).
     */
    private static void appendCsvText(StringBuilder csv, String text) {
        boolean plain = !text.isEmpty();
        for (int i = 0; plain && i < text.length(); i++) {
            char c = text.charAt(i);
            plain = c != ',' && c != '"' && c != '\n' && c != '\r' && c != '\\';
        }
        if (plain) {
            csv.append(text);
        } else {
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
    }

    /** A growing byte buffer, kept for the next batch. */
    private static final class Rows {
        private byte[] bytes = new byte[1 << 16];
        private int size;

        void reset() {
            size = 0;
        }

        void put(byte b) {
            ensure(1);
            bytes[size++] = b;
        }

        void put(byte[] b, int from, int end) {
            ensure(end - from);
            System.arraycopy(b, from, bytes, size, end - from);
            size += end - from;
        }

        void put(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            put(b, 0, b.length);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
