package io.tickflow.query;

import java.util.List;

import org.apache.camel.Exchange;

/** A query result as CSV (RFC 4180): a header row of column names, then the rows. */
public class QueryResultCsv {

    public String of(QueryResult result, Exchange exchange) {
        StringBuilder csv = new StringBuilder();
        line(csv, result.columns().stream().map(c -> (Object) c.name()).toList());
        result.rows().forEach(row -> line(csv, row));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        return csv.toString();
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
