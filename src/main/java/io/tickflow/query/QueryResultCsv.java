package io.tickflow.query;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A query result as CSV (RFC 4180): a header row of column names, then the rows. */
final class QueryResultCsv {

    private QueryResultCsv() {
    }

    static byte[] bytes(QueryResult result) {
        StringBuilder csv = new StringBuilder();
        line(csv, result.columns().stream().map(c -> (Object) c.name()).toList());
        result.rows().forEach(row -> line(csv, row));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            Object value = values.get(i);
            String text = value == null ? "" : value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            csv.append(text);
        }
        csv.append("\r\n");
    }
}
