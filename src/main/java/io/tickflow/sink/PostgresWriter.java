package io.tickflow.sink;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.sql.DataSource;

import io.tickflow.event.EventType;
import org.postgresql.PGConnection;

/**
 * Writes a batch to PostgreSQL in one transaction: each event type is COPYed into a temporary
 * table, then moved into its table with INSERT ... ON CONFLICT, so a replayed batch changes
 * nothing. Where duplicates are simply skipped (records, trades), the batch is first COPYed
 * straight into the table, which spares PostgreSQL writing every row twice; only if a row is
 * there already (a batch replayed after a crash) is that undone and the batch merged through the
 * temporary tables. Ticks go to records, trades to the trade history, quotes to current_price
 * (newest quote per exchange and symbol wins); other types have no PostgreSQL table and are left
 * to QuestDB. The CSV is written from the events' bytes ({@link CsvTranscoder}), one transcoder
 * per consumer thread at a time.
 */
public class PostgresWriter {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int COPY_BUFFER = 1 << 16;

    private final Map<EventType, PostgresTable> tables = new EnumMap<>(EventType.class);
    private final Deque<CsvTranscoder> idle = new ConcurrentLinkedDeque<>();
    private DataSource dataSource;

    public void write(SinkBatch batch) throws SQLException, IOException {
        CsvTranscoder csv = idle.poll();
        if (csv == null) {
            csv = new CsvTranscoder(tables);
        }
        try {
            csv.reset();
            batch.store(csv::write, csv::write);
            Map<PostgresTable, CsvTranscoder.Text> rows = csv.rows();
            if (!rows.isEmpty()) {
                write(rows);
            }
        } finally {
            idle.push(csv);
        }
    }

    private void write(Map<PostgresTable, CsvTranscoder.Text> rows) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (!copiedDirectly(connection, statement, rows)) {
                    merge(connection, statement, rows.keySet(), rows);
                }
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * COPYs straight into the tables that allow it (merging the others); false, with the
     * transaction rolled back, if some row was stored already: a replayed batch, rare enough
     * that it is simply written again through the staging tables, without a savepoint per COPY.
     */
    private static boolean copiedDirectly(Connection connection, Statement statement, Map<PostgresTable, CsvTranscoder.Text> rows)
            throws SQLException, IOException {
        try {
            for (Map.Entry<PostgresTable, CsvTranscoder.Text> entry : rows.entrySet()) {
                if (entry.getKey().copiesDirectly()) {
                    copy(connection, entry.getKey().copyDirect(), entry.getValue().stream());
                } else {
                    merge(connection, statement, List.of(entry.getKey()), rows);
                }
            }
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback();
            return false;
        }
    }

    private static void merge(Connection connection, Statement statement, Collection<PostgresTable> tables,
            Map<PostgresTable, CsvTranscoder.Text> rows) throws SQLException, IOException {
        for (PostgresTable table : tables) {
            statement.execute(table.createStaging());
            copy(connection, table.copyStaging(), rows.get(table).stream());
            statement.execute(table.mergeStaging());
        }
    }

    private static void copy(Connection connection, String copy, InputStream csv) throws SQLException, IOException {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, csv, COPY_BUFFER);
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
