package io.tickflow.query;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of GET /api/queries/{name}:
 * {@code {"query","columns":[{"name","type","sqlType"}],"rows":[[...]],"count","truncated","limit","timeMs"}}.
 * Written by hand into one builder, byte for byte what Jackson's generator writes: a profile of the
 * named-query benchmark had Jackson's generator (its creation, thread-local buffer lookup and
 * per-value dispatch) at a third of a request's worker time, as much as running the query.
 */
final class QueryResultJson {

    // values of other types than the common ones are written as Jackson's default mapper writes them
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryResultJson() {
    }

    static byte[] bytes(QueryResult result) {
        StringBuilder out = new StringBuilder(256 + 64 * result.rows().size());
        out.append("{\"query\":");
        string(out, result.query());
        out.append(",\"columns\":[");
        List<QueryResult.Column> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            QueryResult.Column column = columns.get(i);
            out.append(i == 0 ? "{\"name\":" : ",{\"name\":");
            string(out, column.name());
            out.append(",\"type\":");
            string(out, column.type());
            out.append(",\"sqlType\":");
            string(out, column.sqlType());
            out.append('}');
        }
        out.append("],\"rows\":[");
        List<List<Object>> rows = result.rows();
        for (int r = 0; r < rows.size(); r++) {
            out.append(r == 0 ? "[" : ",[");
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                value(out, row.get(c));
            }
            out.append(']');
        }
        out.append("],\"count\":").append(rows.size())
                .append(",\"truncated\":").append(result.truncated())
                .append(",\"limit\":").append(result.limit())
                .append(",\"timeMs\":");
        number(out, result.timeMs());
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double number) {
            number(out, number);
        } else {
            try {
                out.append(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a " + value.getClass().getName() + " as JSON", e);
            }
        }
    }

    /** As Jackson: NaN and the infinities quoted, since JSON has no such numbers. */
    private static void number(StringBuilder out, double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            out.append('"').append(number).append('"');
        } else {
            out.append(number);
        }
    }

    /**
     * A JSON string as Jackson's UTF-8 generator escapes it: quote, backslash, control characters,
     * and each half of a character beyond the BMP; the rest as is.
     */
    static void string(StringBuilder out, String text) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= 0x20 && ch != '"' && ch != '\\' && !Character.isSurrogate(ch)) {
                continue;
            }
            out.append(text, from, i);
            from = i + 1;
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u").append(HEX[ch >> 12]).append(HEX[(ch >> 8) & 0xF]).append(HEX[(ch >> 4) & 0xF])
                        .append(HEX[ch & 0xF]);
            }
        }
        out.append(text, from, text.length()).append('"');
    }
}
