package io.tickflow.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * GET /api/openapi.json: an OpenAPI 3 document generated from the REST DSL routes as they run,
 * plus one path per named query with its typed parameters, so it follows the queries file.
 */
public class QueryOpenApi implements CamelContextAware {

    private static final String QUERY_PATH = "/api/queries/{name}";

    private CamelContext camelContext;
    private QueryCatalog catalog;
    private String version = "";

    @SuppressWarnings("unchecked")
    public Map<String, Object> document() {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (RestDefinition rest : ((ModelCamelContext) camelContext).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(rest.getPath(), verb.getPath());
                Map<String, Object> operation = operation(verb.getId(), verb.getDescriptionText(), parameters(verb));
                if (path.equals(QUERY_PATH)) {
                    ((Map<String, Object>) ((List<Object>) operation.get("parameters")).get(0)).put("schema",
                            Map.of("type", "string", "enum", catalog.names()));
                }
                path(paths, path).put(verb.asVerb(), operation);
            }
        }
        for (NamedQuery query : catalog.all()) {
            List<Object> parameters = new ArrayList<>(query.parameters().stream().map(QueryOpenApi::parameter).toList());
            parameters.add(parameter("limit", "query", false, "At most this many rows", Map.of("type", "integer", "minimum", 1)));
            parameters.add(parameter("format", "query", false, "json (default) or csv",
                    Map.of("type", "string", "enum", List.of("json", "csv"))));
            path(paths, "/api/queries/" + query.name()).put("get",
                    operation("query-" + query.name(), query.description() + " (runs on " + query.target() + ")", parameters));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", "Tickflow API", "version", version,
                "description", "Market data served from QuestDB and PostgreSQL; errors are JSON {error, parameter, message, status}."));
        document.put("paths", paths);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> paths, String path) {
        return (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<String, Object>());
    }

    private static List<Object> parameters(VerbDefinition verb) {
        List<Object> parameters = new ArrayList<>();
        String path = verb.getPath() == null ? "" : verb.getPath();
        for (String segment : path.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.add(parameter(segment.substring(1, segment.length() - 1), "path", true, null, Map.of("type", "string")));
            }
        }
        for (ParamDefinition param : verb.getParams()) {
            parameters.add(parameter(param.getName(), param.getType().name(), Boolean.TRUE.equals(param.getRequired()),
                    param.getDescription(), Map.of("type", "string")));
        }
        return parameters;
    }

    private static Map<String, Object> parameter(QueryParameter p) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (p.type()) {
            case INT -> schema.put("type", "integer");
            case DOUBLE -> schema.put("type", "number");
            case TIMESTAMP -> schema.put("type", "string");
            case SYMBOLS -> {
                schema.put("type", "array");
                schema.put("items", Map.of("type", "string"));
            }
            default -> schema.put("type", "string");
        }
        if (p.type() == ParameterType.INT || p.type() == ParameterType.DOUBLE) {
            putNumber(schema, "minimum", p.min());
            putNumber(schema, "maximum", p.max());
        }
        if (!p.allowed().isEmpty()) {
            schema.put("enum", p.allowed());
        }
        if (p.defaultValue() != null) {
            schema.put("default", p.defaultValue());
        }
        String description = (p.description() == null ? "" : p.description() + ". ") + "Expected: " + p.expected();
        Map<String, Object> parameter = parameter(p.name(), "query", p.required(), description, schema);
        if (p.type() == ParameterType.SYMBOLS) {
            parameter.put("style", "form");
            parameter.put("explode", false);
        }
        return parameter;
    }

    private static void putNumber(Map<String, Object> schema, String key, String value) {
        if (value != null) {
            schema.put(key, Double.parseDouble(value));
        }
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, String description,
            Map<String, Object> schema) {
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", name);
        parameter.put("in", in);
        parameter.put("required", required);
        if (description != null) {
            parameter.put("description", description);
        }
        parameter.put("schema", schema);
        return parameter;
    }

    private static Map<String, Object> operation(String id, String summary, List<Object> parameters) {
        Map<String, Object> operation = new LinkedHashMap<>();
        if (id != null) {
            operation.put("operationId", id);
        }
        if (summary != null) {
            operation.put("summary", summary);
        }
        operation.put("parameters", parameters);
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "OK"));
        for (String status : List.of("400", "404", "500", "503", "504")) {
            responses.put(status, Map.of("description", "JSON error naming the problem",
                    "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        operation.put("responses", responses);
        return operation;
    }

    private static String join(String base, String path) {
        String joined = (base == null ? "" : base) + (path == null ? "" : (path.startsWith("/") ? path : "/" + path));
        return joined.replaceAll("/+", "/");
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setCatalog(QueryCatalog catalog) {
        this.catalog = catalog;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
