package io.tickflow.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Where a backfill of (exchange, symbol, interval) stands: the range [from, next) it has gone
 * through page by page. A job whose start lies inside that range resumes at next; any other
 * starts a new range.
 */
public class CheckpointStore {

    /** The range gone through, [from, next). */
    public record Checkpoint(Instant from, Instant next) {

        public boolean covers(Instant start) {
            return !start.isBefore(from) && !start.isAfter(next);
        }
    }

    private DataSource dataSource;
    private String table;

    public Optional<Checkpoint> find(String exchange, String symbol, String interval) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT range_from, next_from FROM "
                + table + " WHERE exchange = ? AND symbol = ? AND interval = ?")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            s.setString(3, interval);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Checkpoint(r.getTimestamp(1).toInstant(), r.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    public void save(String exchange, String symbol, String interval, Checkpoint checkpoint) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                + " (exchange, symbol, interval, range_from, next_from, updated_at) VALUES (?, ?, ?, ?, ?, now())"
                + " ON CONFLICT (exchange, symbol, interval) DO UPDATE SET range_from = excluded.range_from,"
                + " next_from = excluded.next_from, updated_at = now()")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            s.setString(3, interval);
            s.setTimestamp(4, Timestamp.from(checkpoint.from()));
            s.setTimestamp(5, Timestamp.from(checkpoint.next()));
            s.executeUpdate();
        }
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
