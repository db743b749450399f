package io.tickflow.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The named queries in the OpenAPI document: GET /api/queries/{name} gets the names as its enum,
 * and each query a path of its own with its typed parameters, answering as that operation does
 * (but never 404), so the document follows the queries file.
 */
public class QueryOpenApi {

    static final String QUERY_PATH = "/api/queries/{name}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryCatalog catalog;
    private int defaultLimit = 1000;
    private int maxLimit = 10000;

    /** Adds the queries to the paths of a document that already has GET /api/queries/{name}. */
    public void addTo(ObjectNode paths) {
        JsonNode generic = paths.path(QUERY_PATH).path("get");
        if (!(generic instanceof ObjectNode operation)) {
            throw new IllegalStateException("The document has no GET " + QUERY_PATH);
        }
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                ArrayNode names = ((ObjectNode) parameter.get("schema")).putArray("enum");
                catalog.names().forEach(names::add);
            }
        }
        ObjectNode responses = operation.get("responses").deepCopy();
        responses.remove("404");
        for (NamedQuery query : catalog.all()) {
            ObjectNode get = paths.putObject("/api/queries/" + query.name()).putObject("get");
            get.put("operationId", "query-" + query.name());
            get.put("summary", query.description());
            get.put("description", "Runs on " + query.target() + "; the same as " + QUERY_PATH + " with this name.");
            get.set("tags", operation.get("tags"));
            get.set("security", operation.get("security"));
            ArrayNode parameters = get.putArray("parameters");
            query.parameters().forEach(p -> parameters.add(parameter(p)));
            ObjectNode limit = parameter("limit", false, "At most this many rows; default " + defaultLimit);
            limit.putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", maxLimit).put("default", defaultLimit);
            parameters.add(limit);
            ObjectNode format = parameter("format", false, "json, or csv for the rows as CSV with a header line");
            format.putObject("schema").put("type", "string").put("default", "json").putArray("enum").add("json").add("csv");
            parameters.add(format);
            get.set("responses", responses.deepCopy());
        }
    }

    private static ObjectNode parameter(QueryParameter p) {
        String description = (p.description() == null ? "" : p.description() + ". ") + "Expected: " + p.expected();
        ObjectNode parameter = parameter(p.name(), p.required(), description);
        ObjectNode schema = parameter.putObject("schema");
        switch (p.type()) {
            case INT -> schema.put("type", "integer");
            case DOUBLE -> schema.put("type", "number");
            case SYMBOLS -> {
                schema.put("type", "array");
                schema.putObject("items").put("type", "string");
                parameter.put("style", "form");
                parameter.put("explode", false);
            }
            default -> schema.put("type", "string");
        }
        if (p.type() == ParameterType.INT || p.type() == ParameterType.DOUBLE) {
            putNumber(schema, "minimum", p.type(), p.min());
            putNumber(schema, "maximum", p.type(), p.max());
        }
        if (!p.allowed().isEmpty()) {
            ArrayNode allowed = (p.type() == ParameterType.SYMBOLS ? (ObjectNode) schema.get("items") : schema).putArray("enum");
            p.allowed().forEach(allowed::add);
        }
        if (p.defaultValue() != null) {
            schema.set("default", value(p.type(), p.defaultValue()));
        }
        return parameter;
    }

    /** A value of the queries file in the JSON type of its parameter's schema. */
    private static JsonNode value(ParameterType type, String text) {
        return switch (type) {
            case INT -> JSON.getNodeFactory().numberNode(Long.parseLong(text));
            case DOUBLE -> JSON.getNodeFactory().numberNode(Double.parseDouble(text));
            case SYMBOLS -> {
                ArrayNode symbols = JSON.createArrayNode();
                for (String symbol : text.split(",")) {
                    symbols.add(symbol.trim());
                }
                yield symbols;
            }
            default -> JSON.getNodeFactory().textNode(text);
        };
    }

    private static void putNumber(ObjectNode schema, String key, ParameterType type, String value) {
        if (value != null) {
            schema.set(key, value(type, value));
        }
    }

    private static ObjectNode parameter(String name, boolean required, String description) {
        ObjectNode parameter = JSON.createObjectNode();
        parameter.put("name", name);
        parameter.put("in", "query");
        parameter.put("required", required);
        parameter.put("description", description);
        return parameter;
    }

    public void setCatalog(QueryCatalog catalog) {
        this.catalog = catalog;
    }

    public void setDefaultLimit(int defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public void setMaxLimit(int maxLimit) {
        this.maxLimit = maxLimit;
    }
}
