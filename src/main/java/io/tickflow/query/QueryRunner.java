package io.tickflow.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.tickflow.api.ApiException;
import org.postgresql.util.PGInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a named query with bound values on its database, at most {@code limit} rows, cancelled
 * after the timeout. Database down is a 503 naming it; a cancelled query a 504.
 */
public class QueryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

    private DataSource questdb;
    private DataSource postgres;
    private int timeoutSeconds = 10;

    public QueryResult run(NamedQuery query, Map<String, Object> values, int limit) {
        NamedSql.Bound bound = query.sql().bind(values);
        long start = System.nanoTime();
        Connection connection;
        try {
            connection = dataSource(query.target()).getConnection();
        } catch (SQLException e) {
            throw unavailable(query, e);
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(bound.sql())) {
            statement.setQueryTimeout(timeoutSeconds);
            // one row more than the limit tells whether the result was cut
            statement.setMaxRows(limit + 1);
            for (int i = 0; i < bound.values().size(); i++) {
                statement.setObject(i + 1, jdbcValue(query.target(), bound.values().get(i)));
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int count = md.getColumnCount();
                List<QueryResult.Column> columns = new ArrayList<>(count);
                // read once: the driver looks types up again on every call
                int[] sqlTypes = new int[count + 1];
                String[] sqlTypeNames = new String[count + 1];
                for (int c = 1; c <= count; c++) {
                    sqlTypes[c] = md.getColumnType(c);
                    sqlTypeNames[c] = md.getColumnTypeName(c);
                    columns.add(new QueryResult.Column(md.getColumnLabel(c), ColumnValues.jsonType(sqlTypes[c]), sqlTypeNames[c]));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next() && rows.size() <= limit) {
                    List<Object> row = new ArrayList<>(count);
                    for (int c = 1; c <= count; c++) {
                        row.add(ColumnValues.read(rs, c, sqlTypes[c], sqlTypeNames[c]));
                    }
                    rows.add(row);
                }
                boolean truncated = rows.size() > limit;
                List<List<Object>> kept = truncated ? rows.subList(0, limit) : rows;
                return new QueryResult(query.name(), columns, kept, truncated, limit, (System.nanoTime() - start) / 1e6);
            }
        } catch (SQLException e) {
            throw failure(query, e);
        }
    }

    private static Object jdbcValue(String target, Object value) {
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof Duration duration) {
            // QuestDB does timestamp arithmetic in microseconds; PostgreSQL has intervals
            if (target.equals("questdb")) {
                return duration.toNanos() / 1000;
            }
            return new PGInterval(0, 0, 0, 0, 0, duration.toNanos() / 1e9);
        }
        return value;
    }

    private RuntimeException failure(NamedQuery query, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String message = String.valueOf(e.getMessage());
        if (state.equals("57014") || message.contains("cancelled by user")) {
            return new ApiException(504, "query_timeout", null,
                    "Query '" + query.name() + "' ran longer than " + timeoutSeconds + " s and was cancelled");
        }
        if (e instanceof SQLTransientConnectionException || state.startsWith("08")) {
            return unavailable(query, e);
        }
        LOG.error("Named query '{}' failed on {}", query.name(), query.target(), e);
        return new ApiException(500, "query_failed", null,
                "Query '" + query.name() + "' failed in " + query.target() + ": " + message.lines().findFirst().orElse(""));
    }

    private static ApiException unavailable(NamedQuery query, SQLException e) {
        LOG.warn("Named query '{}': {} is unavailable: {}", query.name(), query.target(), e.getMessage());
        return new ApiException(503, "database_unavailable", null,
                "The " + query.target() + " database is unavailable; query '" + query.name() + "' could not run");
    }

    private DataSource dataSource(String target) {
        return target.equals("questdb") ? questdb : postgres;
    }

    public void setQuestdb(DataSource questdb) {
        this.questdb = questdb;
    }

    public void setPostgres(DataSource postgres) {
        this.postgres = postgres;
    }

    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }
}
