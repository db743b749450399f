package io.tickflow.backfill;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/** Backfill jobs in PostgreSQL (tickflow.backfill.jobs-table). */
public class JobStore {

    private static final String COLUMNS = "id, exchange, symbols, interval, from_ts, to_ts, state, pages_total, pages_done, rows, "
            + "errors, created_at, updated_at";

    private DataSource dataSource;
    private String table;

    public BackfillJob create(String exchange, List<String> symbols, String interval, Instant from, Instant to) throws SQLException {
        String id = "bf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                + " (id, exchange, symbols, interval, from_ts, to_ts, state, created_at, updated_at, heartbeat_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'queued', now(), now(), now()) RETURNING " + COLUMNS)) {
            s.setString(1, id);
            s.setString(2, exchange);
            s.setArray(3, c.createArrayOf("text", symbols.toArray()));
            s.setString(4, interval);
            s.setTimestamp(5, Timestamp.from(from));
            s.setTimestamp(6, Timestamp.from(to));
            return one(s).orElseThrow();
        }
    }

    public Optional<BackfillJob> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
            s.setString(1, id);
            return one(s);
        }
    }

    /** Queued or running jobs whose heartbeat is older than the lease (or was released), oldest first. */
    public List<BackfillJob> orphaned(Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                + table + " WHERE state IN ('queued', 'running') AND (heartbeat_at IS NULL OR heartbeat_at < now() - ?::interval)"
                + " ORDER BY created_at")) {
            s.setString(1, lease.toMillis() + " milliseconds");
            List<BackfillJob> jobs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    jobs.add(job(r));
                }
            }
            return jobs;
        }
    }

    /** Takes an orphaned job over; false if another instance did first (or it finished). */
    public boolean claim(String id, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE " + table
                + " SET heartbeat_at = now() WHERE id = ? AND state IN ('queued', 'running')"
                + " AND (heartbeat_at IS NULL OR heartbeat_at < now() - ?::interval)")) {
            s.setString(1, id);
            s.setString(2, lease.toMillis() + " milliseconds");
            return s.executeUpdate() == 1;
        }
    }

    /** Renews the heartbeat of the jobs this instance runs (null: lets them go, for the next instance to take at once). */
    public void heartbeat(Collection<String> ids, boolean alive) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE " + table
                + " SET heartbeat_at = " + (alive ? "now()" : "NULL") + " WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            s.executeUpdate();
        }
    }

    /** A queued or running job of the exchange and interval for any of the symbols. */
    public Optional<BackfillJob> unfinished(String exchange, String interval, List<String> symbols) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM "
                + table + " WHERE state IN ('queued', 'running') AND exchange = ? AND interval = ? AND symbols && ? LIMIT 1")) {
            s.setString(1, exchange);
            s.setString(2, interval);
            s.setArray(3, c.createArrayOf("text", symbols.toArray()));
            return one(s);
        }
    }

    /** Sets the state unless the job is finished already (a cancel is not undone by a late update). */
    public boolean state(String id, String state) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE " + table
                + " SET state = ?, updated_at = now() WHERE id = ? AND state IN ('queued', 'running')")) {
            s.setString(1, state);
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    public void progress(String id, int pagesTotal, int pagesDone, long rows, int errors) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE " + table
                + " SET pages_total = ?, pages_done = ?, rows = ?, errors = ?, updated_at = now() WHERE id = ?")) {
            s.setInt(1, pagesTotal);
            s.setInt(2, pagesDone);
            s.setLong(3, rows);
            s.setInt(4, errors);
            s.setString(5, id);
            s.executeUpdate();
        }
    }

    private Optional<BackfillJob> one(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(job(r)) : Optional.empty();
        }
    }

    private static BackfillJob job(ResultSet r) throws SQLException {
        Array symbols = r.getArray("symbols");
        return new BackfillJob(r.getString("id"), r.getString("exchange"), Arrays.asList((String[]) symbols.getArray()),
                r.getString("interval"), r.getTimestamp("from_ts").toInstant(), r.getTimestamp("to_ts").toInstant(),
                r.getString("state"), r.getInt("pages_total"), r.getInt("pages_done"), r.getLong("rows"), r.getInt("errors"),
                r.getTimestamp("created_at").toInstant(), r.getTimestamp("updated_at").toInstant());
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
