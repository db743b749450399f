package io.tickflow.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a named query returned, with its columns (name, JSON type, database type). A class,
 * not a record: Camel hashes a body it calls a method on, and a record would hash every row.
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

    /** The JSON body of GET /api/queries/{name}. */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("columns", columns.stream().map(c -> Map.of("name", c.name(), "type", c.type(), "sqlType", c.sqlType())).toList());
        body.put("rows", rows);
        body.put("count", rows.size());
        body.put("truncated", truncated);
        body.put("limit", limit);
        body.put("timeMs", timeMs);
        return body;
    }
}
