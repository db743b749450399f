package io.tickflow.query;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written query result is byte for byte what Jackson's generator writes for the same values. */
class QueryResultJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindOfValueIsWrittenAsJacksonWritesIt() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        List<Object> values = Arrays.asList(null, "BTC-USDT", "quote \" backslash \\ slash / tab\t", controls.toString(),
                "ünïcödé € 😀", "\u007f\u2028", "", new BigDecimal("50000.123"), new BigDecimal("1E-7"), new BigDecimal("0"),
                new BigDecimal("-12345678901234567890.123456789012345678"), new BigDecimal("1E+3"), 42L, Long.MIN_VALUE, 7,
                Integer.MAX_VALUE, 0.1, -2.5e-10, 1.0e22, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, true, false,
                Map.of("k", List.of(1, "v")), "2026-12-01T05:00:00.123456Z");
        List<QueryResult.Column> columns = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            columns.add(new QueryResult.Column("c\"" + i, i % 2 == 0 ? "number" : "string", "text\n" + i));
        }
        for (int rows = 0; rows <= 3; rows++) {
            List<List<Object>> table = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                table.add(values);
            }
            for (double timeMs : new double[] {0.0, 1.234567, 12.0, Double.NaN}) {
                QueryResult result = new QueryResult("q \"" + rows, columns, table, rows == 2, 1000, timeMs);
                assertEquals(jackson(result), new String(QueryResultJson.bytes(result), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void anEmptyResultHasNoColumnsOrRows() throws Exception {
        QueryResult result = new QueryResult("empty", List.of(), List.of(), false, 10, 0.5);
        assertEquals("{\"query\":\"empty\",\"columns\":[],\"rows\":[],\"count\":0,\"truncated\":false,\"limit\":10,\"timeMs\":0.5}",
                new String(QueryResultJson.bytes(result), StandardCharsets.UTF_8));
        assertEquals(jackson(result), new String(QueryResultJson.bytes(result), StandardCharsets.UTF_8));
    }

    /** The same document through Jackson's generator, as the endpoint wrote it before. */
    private static String jackson(QueryResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("query", result.query());
            json.writeArrayFieldStart("columns");
            for (QueryResult.Column column : result.columns()) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type());
                json.writeStringField("sqlType", column.sqlType());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
            for (List<Object> row : result.rows()) {
                json.writeStartArray();
                for (Object value : row) {
                    JSON.writeValue(json, value);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeNumberField("count", result.rows().size());
            json.writeBooleanField("truncated", result.truncated());
            json.writeNumberField("limit", result.limit());
            json.writeNumberField("timeMs", result.timeMs());
            json.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
