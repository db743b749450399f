package io.tickflow.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Pages that failed for good, one row per (exchange, symbol, interval, page start); a published page's row is deleted. */
public class ErrorStore {

    /** A failed page's range, [from, to). */
    public record FailedPage(Instant from, Instant to) {
    }

    private DataSource dataSource;
    private String table;

    public void record(String jobId, String exchange, String symbol, String interval, FailedPage page, String reason, int attempts)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                + " (exchange, symbol, interval, page_from, page_to, job_id, reason, attempts, failed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (exchange, symbol, interval, page_from) DO UPDATE SET"
                + " page_to = excluded.page_to, job_id = excluded.job_id, reason = excluded.reason,"
                + " attempts = " + table + ".attempts + excluded.attempts, failed_at = now()")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            s.setString(3, interval);
            s.setTimestamp(4, Timestamp.from(page.from()));
            s.setTimestamp(5, Timestamp.from(page.to()));
            s.setString(6, jobId);
            s.setString(7, reason.length() > 500 ? reason.substring(0, 500) : reason);
            s.setInt(8, attempts);
            s.executeUpdate();
        }
    }

    /** The failed pages starting in [from, to), oldest first. */
    public List<FailedPage> within(String exchange, String symbol, String interval, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT page_from, page_to FROM "
                + table + " WHERE exchange = ? AND symbol = ? AND interval = ? AND page_from >= ? AND page_from < ? ORDER BY page_from")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            s.setString(3, interval);
            s.setTimestamp(4, Timestamp.from(from));
            s.setTimestamp(5, Timestamp.from(to));
            List<FailedPage> pages = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pages.add(new FailedPage(r.getTimestamp(1).toInstant(), r.getTimestamp(2).toInstant()));
                }
            }
            return pages;
        }
    }

    public void resolved(String exchange, String symbol, String interval, Instant pageFrom) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                + " WHERE exchange = ? AND symbol = ? AND interval = ? AND page_from = ?")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            s.setString(3, interval);
            s.setTimestamp(4, Timestamp.from(pageFrom));
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
