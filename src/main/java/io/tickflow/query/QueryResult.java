package io.tickflow.query;

import java.util.List;

/**
 * The rows a named query returned, with its columns (name, JSON type, database type); written out by
 * {@link QueryResultJson} or {@link QueryResultCsv}.
 */
public final class QueryResult {

    public record Column(String name, String type, String sqlType) {
    }

    private final String query;
    private final List<Column> columns;
    private final List<List<Object>> rows;
    private final boolean truncated;
    private final int limit;
    private final double timeMs;

    public QueryResult(String query, List<Column> columns, List<List<Object>> rows, boolean truncated, int limit, double timeMs) {
        this.query = query;
        this.columns = columns;
        this.rows = rows;
        this.truncated = truncated;
        this.limit = limit;
        this.timeMs = timeMs;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    public String query() {
        return query;
    }

    public boolean truncated() {
        return truncated;
    }

    public int limit() {
        return limit;
    }

    public double timeMs() {
        return timeMs;
    }
}
