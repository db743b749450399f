package io.tickflow.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON body of GET /api/queries/{name}:
 * {@code {"query","columns":[{"name","type","sqlType"}],"rows":[[...]],"count","truncated","limit","timeMs"}}.
 * Written straight to bytes with Jackson's generator: building maps for Camel's JSON data format
 * and converting its output took more of a request's CPU than the query itself.
 */
final class QueryResultJson {

    // values of other types than the common ones are written as Jackson's default mapper writes them
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryResultJson() {
    }

    static byte[] bytes(QueryResult result) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
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
                    value(json, value);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeNumberField("count", result.rows().size());
            json.writeBooleanField("truncated", result.truncated());
            json.writeNumberField("limit", result.limit());
            json.writeNumberField("timeMs", result.timeMs());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else {
            JSON.writeValue(json, value);
        }
    }
}
