package io.tickflow.apidocs;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks JSON against a schema inside an API document (OpenAPI 3.1: JSON Schema 2020-12; AsyncAPI
 * 3.0: draft-07), with the document's components/schemas in reach of its #/components/... references.
 */
final class SchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private SchemaCheck() {
    }

    /** What is wrong with {@code instance} by {@code schema}, a schema of {@code document}; empty when it is valid. */
    static List<String> problems(JsonNode document, JsonNode schema, JsonNode instance, SpecVersion.VersionFlag version) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("allOf").add(schema);
        root.set("components", document.get("components"));
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(version).getSchema(root, CONFIG).validate(instance);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    static void assertValid(String what, JsonNode document, JsonNode schema, JsonNode instance, SpecVersion.VersionFlag version) {
        assertEquals(List.of(), problems(document, schema, instance, version), what + ": " + instance);
    }

    /** A reference to a schema of components/schemas. */
    static JsonNode ref(String name) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + name);
    }
}
