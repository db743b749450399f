package io.tickflow.apidocs;

import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The official AsyncAPI 3.0.0 JSON Schema (src/test/resources/asyncapi/README.md says where it is from). */
final class AsyncApiSchema {

    private static final JsonSchema SCHEMA = load();

    private AsyncApiSchema() {
    }

    /** What makes a document invalid AsyncAPI 3.0.0; empty when it is valid. */
    static List<String> problems(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        try (InputStream in = AsyncApiSchema.class.getClassLoader().getResourceAsStream("asyncapi/asyncapi-3.0.0-schema.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the AsyncAPI 3.0.0 schema", e);
        }
    }
}
