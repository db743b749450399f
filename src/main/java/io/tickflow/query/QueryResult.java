package io.tickflow.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows a named query returned, with its columns (name, JSON type, database type). */
public record QueryResult(String query, List<Column> columns, List<List<Object>> rows, boolean truncated, int limit,
        double timeMs) {

    public record Column(String name, String type, String sqlType) {
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
