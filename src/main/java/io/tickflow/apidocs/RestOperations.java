package io.tickflow.apidocs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ValueDefinition;
import org.apache.camel.model.rest.BearerTokenDefinition;
import org.apache.camel.model.rest.CollectionFormat;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.RestSecurityDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * The REST DSL's operations (rest/*.camel.yaml) as OpenAPI 3.1 paths, as Camel runs them: each
 * verb's id, description (the summary), note (the description), the rest's tag, its parameters
 * (dataType, dataFormat, allowableValues; required unless {@code required: false}, as Camel's
 * model has it), a body parameter as the request body, its
 * responseMessages (responseModel names a schema of components/schemas) and its security. Every
 * operation may also answer 400 (each request's parameters are checked first) and 500; one with a
 * security requirement 401 and 403.
 */
final class RestOperations {

    private static final String ERROR = "#/components/schemas/Error";

    private final CamelContext camelContext;

    RestOperations(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The REST definitions Camel runs. */
    static List<RestDefinition> definitions(CamelContext camelContext) {
        return camelContext.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions();
    }

    /** An operation's path, as OpenAPI writes it: the rest's path joined with the verb's. */
    static String path(RestDefinition rest, VerbDefinition verb) {
        String joined = (rest.getPath() == null ? "" : rest.getPath()) + "/" + (verb.getPath() == null ? "" : verb.getPath());
        String path = joined.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Adds every operation to {@code paths}. */
    void addTo(ObjectNode paths) {
        for (RestDefinition rest : definitions(camelContext)) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = text(path(rest, verb));
                ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
                item.set(verb.asVerb(), operation(rest, verb));
            }
        }
    }

    /** The security schemes the REST definitions declare, as components/securitySchemes. */
    ObjectNode securitySchemes() {
        ObjectNode schemes = JsonResources.JSON.createObjectNode();
        for (RestDefinition rest : definitions(camelContext)) {
            if (rest.getSecurityDefinitions() == null) {
                continue;
            }
            for (RestSecurityDefinition definition : rest.getSecurityDefinitions().getSecurityDefinitions()) {
                if (!(definition instanceof BearerTokenDefinition bearer)) {
                    throw new IllegalStateException("Only bearerToken security is documented, not " + definition.getClass().getSimpleName());
                }
                ObjectNode scheme = schemes.putObject(text(bearer.getKey())).put("type", "http").put("scheme", "bearer");
                putText(scheme, "bearerFormat", bearer.getFormat());
                putText(scheme, "description", bearer.getDescription());
            }
        }
        return schemes;
    }

    private ObjectNode operation(RestDefinition rest, VerbDefinition verb) {
        ObjectNode operation = JsonResources.JSON.createObjectNode();
        putText(operation, "operationId", verb.getId());
        putText(operation, "summary", verb.getDescriptionText());
        putText(operation, "description", verb.getNote());
        if (rest.getTag() != null) {
            operation.putArray("tags").add(text(rest.getTag()));
        }
        if ("true".equals(text(verb.getDeprecated()))) {
            operation.put("deprecated", true);
        }
        List<SecurityDefinition> security = !verb.getSecurity().isEmpty() ? verb.getSecurity()
                : rest.getSecurityRequirements() != null ? rest.getSecurityRequirements() : List.of();
        ArrayNode requirements = operation.putArray("security");
        for (SecurityDefinition requirement : security) {
            ArrayNode scopes = requirements.addObject().putArray(text(requirement.getKey()));
            if (requirement.getScopes() != null) {
                for (String scope : text(requirement.getScopes()).split(",")) {
                    scopes.add(scope.trim());
                }
            }
        }
        ArrayNode parameters = operation.putArray("parameters");
        for (ParamDefinition param : verb.getParams()) {
            if (param.getType() == RestParamType.body) {
                operation.set("requestBody", requestBody(rest, verb, param));
            } else {
                parameters.add(parameter(param));
            }
        }
        operation.set("responses", responses(rest, verb, !security.isEmpty()));
        return operation;
    }

    private ObjectNode parameter(ParamDefinition param) {
        ObjectNode parameter = JsonResources.JSON.createObjectNode();
        parameter.put("name", text(param.getName()));
        parameter.put("in", param.getType().name());
        parameter.put("required", param.getType() == RestParamType.path || Boolean.TRUE.equals(param.getRequired()));
        putText(parameter, "description", param.getDescription());
        ObjectNode schema = parameter.putObject("schema");
        String type = param.getDataType() == null ? "string" : text(param.getDataType());
        schema.put("type", type);
        putText(schema, "format", param.getDataFormat());
        if (type.equals("array")) {
            schema.putObject("items").put("type", param.getArrayType() == null ? "string" : text(param.getArrayType()));
            parameter.put("style", "form");
            parameter.put("explode", param.getCollectionFormat() == CollectionFormat.multi);
        }
        if (param.getAllowableValues() != null && !param.getAllowableValues().isEmpty()) {
            ArrayNode values = schema.putArray("enum");
            for (ValueDefinition value : param.getAllowableValues()) {
                values.add(text(value.getValue()));
            }
        }
        return parameter;
    }

    /** A body parameter: its dataType names the schema of components/schemas. */
    private ObjectNode requestBody(RestDefinition rest, VerbDefinition verb, ParamDefinition param) {
        ObjectNode body = JsonResources.JSON.createObjectNode();
        putText(body, "description", param.getDescription());
        body.put("required", Boolean.TRUE.equals(param.getRequired()));
        ObjectNode content = body.putObject("content");
        for (String type : mediaTypes(verb.getConsumes() != null ? verb.getConsumes() : rest.getConsumes())) {
            content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + text(param.getDataType()));
        }
        return body;
    }

    private ObjectNode responses(RestDefinition rest, VerbDefinition verb, boolean secured) {
        ObjectNode responses = JsonResources.JSON.createObjectNode();
        String produces = verb.getProduces() != null ? verb.getProduces() : rest.getProduces();
        for (ResponseMessageDefinition message : verb.getResponseMsgs()) {
            ObjectNode response = responses.putObject(text(message.getCode()));
            response.put("description", text(message.getMessage()));
            if (message.getResponseModel() == null && message.getContentType() == null) {
                continue;
            }
            ObjectNode content = response.putObject("content");
            for (String type : mediaTypes(message.getContentType() != null ? message.getContentType() : produces)) {
                content.putObject(type).set("schema", schema(type, message.getResponseModel()));
            }
        }
        error(responses, "400", "A parameter (or body field) is missing, malformed or out of bounds; the error names it");
        if (secured) {
            error(responses, "401", "The API key is missing or wrong (Authorization: Bearer <tickflow.api-key>)");
            error(responses, "403", "No API key is configured (tickflow.api-key) and the caller is not on the loopback interface");
        }
        error(responses, "500", "The request failed inside Tickflow; the log has the details");
        return responses;
    }

    /** JSON answers have the named schema; text answers (CSV, Prometheus) are strings. */
    private ObjectNode schema(String mediaType, String model) {
        ObjectNode schema = JsonResources.JSON.createObjectNode();
        if (mediaType.contains("json") && model != null) {
            schema.put("$ref", "#/components/schemas/" + text(model));
        } else {
            schema.put("type", "string");
        }
        return schema;
    }

    private static void error(ObjectNode responses, String code, String description) {
        if (!responses.has(code)) {
            responses.putObject(code).put("description", description).putObject("content").putObject("application/json")
                    .putObject("schema").put("$ref", ERROR);
        }
    }

    private Set<String> mediaTypes(String list) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : (list == null ? "application/json" : text(list)).split(",")) {
            if (!type.isBlank()) {
                types.add(type.trim());
            }
        }
        return types;
    }

    private void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, text(value));
        }
    }

    /** A value of the REST DSL with its property placeholders resolved. */
    private String text(String value) {
        return camelContext.resolvePropertyPlaceholders(value);
    }
}
