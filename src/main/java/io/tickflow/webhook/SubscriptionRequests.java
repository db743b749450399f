package io.tickflow.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.api.ApiException;

/**
 * Checks the JSON body of POST and PATCH /api/webhooks and returns the fields to store; a bad
 * field is a 400 naming it. Fields: url, eventTypes, filters, description, batch, and (PATCH) status.
 */
public class SubscriptionRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    public static final Set<String> EVENT_TYPES = Set.of("tick", "trade", "quote", "liquidation", "candle");
    private static final Set<String> FIELDS = Set.of("url", "eventTypes", "filters", "description", "batch", "status");
    private static final int MAX_DESCRIPTION = 500;
    static final int MAX_URL_LENGTH = 2048;

    private TargetAddressPolicy targetAddressPolicy;
    private int maxBatchEvents = 1000;

    /** The fields of a new subscription; url and eventTypes are required. */
    public Map<String, Object> forCreate(String body) {
        JsonNode request = object(body);
        if (request.has("status")) {
            throw ApiException.badParameter("status", "'status' is set with PATCH once the subscription exists");
        }
        for (String required : List.of("url", "eventTypes")) {
            if (!request.hasNonNull(required)) {
                throw ApiException.badParameter(required, "'" + required + "' is required");
            }
        }
        return fields(request);
    }

    /** The fields a PATCH changes; status may go to active or paused. */
    public Map<String, Object> forUpdate(String body) {
        return fields(object(body));
    }

    private Map<String, Object> fields(JsonNode request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<String> names = request.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badParameter(name, "Unknown field '" + name + "'; known: " + FIELDS);
            }
        }
        if (request.has("url")) {
            fields.put("url", url(request.get("url")));
        }
        if (request.has("eventTypes")) {
            fields.put("eventTypes", eventTypes(request.get("eventTypes")));
        }
        if (request.has("filters")) {
            EventFilter.parse(request.get("filters"));
            fields.put("filters", request.get("filters").isNull() ? "{}" : request.get("filters").toString());
        }
        if (request.has("description")) {
            JsonNode description = request.get("description");
            if (!description.isNull() && (!description.isTextual() || description.asText().length() > MAX_DESCRIPTION
                    || description.asText().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'))) {
                throw ApiException.badParameter("description", "'description' must be text of at most " + MAX_DESCRIPTION
                        + " characters, without control characters other than newline and tab");
            }
            fields.put("description", description.isNull() ? null : description.asText());
        }
        if (request.has("batch")) {
            fields.put("batch", batchMaxEvents(request.get("batch")));
        }
        if (request.has("status")) {
            String status = request.get("status").asText();
            if (!status.equals("active") && !status.equals("paused")) {
                throw ApiException.badParameter("status", "'status' must be 'active' (resume) or 'paused'");
            }
            fields.put("status", status);
        }
        return fields;
    }

    private String url(JsonNode value) {
        String text = value.asText("");
        if (text.length() > MAX_URL_LENGTH) {
            throw ApiException.badParameter("url", "'url' must be at most " + MAX_URL_LENGTH + " characters, was " + text.length());
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiException.badParameter("url", "'url' is not a valid URL: " + e.getMessage());
        }
        if (!value.isTextual() || url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme().toLowerCase())
                || url.getHost() == null) {
            throw ApiException.badParameter("url", "'url' must be an absolute http or https URL, was '" + text + "'");
        }
        String refusal = targetAddressPolicy.refusal(url);
        if (refusal != null) {
            throw ApiException.badParameter("url", "'url' is refused: " + refusal);
        }
        return text;
    }

    /** {"maxEvents": N} batches up to N events per request; null turns batching off. */
    private Integer batchMaxEvents(JsonNode batch) {
        if (batch.isNull()) {
            return null;
        }
        if (!batch.isObject()) {
            throw ApiException.badParameter("batch", "'batch' must be an object such as {\"maxEvents\":100}, or null for one event per request");
        }
        for (Iterator<String> names = batch.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("maxEvents")) {
                throw ApiException.badParameter("batch." + name, "Unknown field 'batch." + name + "'; known: maxEvents");
            }
        }
        JsonNode max = batch.get("maxEvents");
        if (max == null || !max.isIntegralNumber() || !max.canConvertToInt() || max.asInt() < 1 || max.asInt() > maxBatchEvents) {
            throw ApiException.badParameter("batch.maxEvents", "'batch.maxEvents' must be an integer from 1 to " + maxBatchEvents);
        }
        return max.asInt();
    }

    private static List<String> eventTypes(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw ApiException.badParameter("eventTypes", "'eventTypes' must be a non-empty list of " + EVENT_TYPES);
        }
        List<String> types = new ArrayList<>();
        for (JsonNode type : value) {
            if (!EVENT_TYPES.contains(type.asText())) {
                throw ApiException.badParameter("eventTypes", "Unknown event type '" + type.asText() + "'; known: " + EVENT_TYPES);
            }
            if (!types.contains(type.asText())) {
                types.add(type.asText());
            }
        }
        return types;
    }

    private static JsonNode object(String body) {
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badParameter("body", "The body must be a JSON object: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw ApiException.badParameter("body", "The body must be a JSON object");
        }
        return request;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void setTargetAddressPolicy(TargetAddressPolicy targetAddressPolicy) {
        this.targetAddressPolicy = targetAddressPolicy;
    }

    public void setMaxBatchEvents(int maxBatchEvents) {
        this.maxBatchEvents = maxBatchEvents;
    }
}
