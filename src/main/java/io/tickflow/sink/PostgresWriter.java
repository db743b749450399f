package io.tickflow.sink;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.ParsedEvent;
import org.postgresql.PGConnection;

/**
 * Writes a batch to PostgreSQL in one transaction: each event type is COPYed into a temporary
 * table, then moved into its table with INSERT ... ON CONFLICT, so a replayed batch changes
 * nothing. Where duplicates are simply skipped (records, trades), the batch is first COPYed
 * straight into the table, which spares PostgreSQL writing every row twice; only if a row is
 * there already (a batch replayed after a crash) is that undone and the batch merged through the
 * temporary table. Ticks go to records, trades to the trade history, quotes to current_price
 * (newest quote per exchange and symbol wins); other types have no PostgreSQL table and are left
 * to QuestDB.
 */
public class PostgresWriter {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Map<EventType, PostgresTable> tables = new EnumMap<>(EventType.class);
    private DataSource dataSource;

    public void write(SinkBatch batch) throws SQLException, IOException {
        Map<EventType, List<ParsedEvent>> byType = batch.accepted().stream()
                .filter(e -> tables.containsKey(e.type()))
                .collect(Collectors.groupingBy(ParsedEvent::type, () -> new EnumMap<>(EventType.class), Collectors.toList()));
        if (byType.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (Map.Entry<EventType, List<ParsedEvent>> entry : byType.entrySet()) {
                    PostgresTable table = tables.get(entry.getKey());
                    String csv = csv(table, entry.getValue());
                    if (!table.copiesDirectly() || !copiedDirectly(connection, table, csv)) {
                        statement.execute(table.createStaging());
                        copy(connection, table.copyStaging(), csv);
                        statement.execute(table.mergeStaging());
                    }
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** False, with nothing written, if some row of the batch is in the table already. */
    private static boolean copiedDirectly(Connection connection, PostgresTable table, String csv)
            throws SQLException, IOException {
        Savepoint beforeCopy = connection.setSavepoint();
        try {
            copy(connection, table.copyDirect(), csv);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeCopy);
            return false;
        }
        connection.releaseSavepoint(beforeCopy);
        return true;
    }

    private static void copy(Connection connection, String copy, String csv) throws SQLException, IOException {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(csv));
    }

    private static String csv(PostgresTable table, List<ParsedEvent> events) {
        StringBuilder csv = new StringBuilder(events.size() * 96);
        for (ParsedEvent event : events) {
            List<Object> row = table.row(event);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                appendCsv(csv, row.get(i));
            }
            csv.append('\n');
        }
        return csv.toString();
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

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setRecordsTable(String table) {
        tables.put(EventType.TICK, PostgresTable.records(table));
    }

    public void setTradesTable(String table) {
        tables.put(EventType.TRADE, PostgresTable.trades(table));
    }

    public void setCurrentPriceTable(String table) {
        tables.put(EventType.QUOTE, PostgresTable.currentPrice(table));
    }
}
