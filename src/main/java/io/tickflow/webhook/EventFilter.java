package io.tickflow.webhook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.api.ApiException;

/**
 * A subscription's filters: allowed values of `exchange`, `symbol` and `name` (a string or a list
 * each), and numeric conditions such as {"field":"amount","op":">=","value":1000}. An event
 * matches when every given filter holds; no filters match everything.
 */
public final class EventFilter {

    private static final Set<String> TEXT_FIELDS = Set.of("exchange", "symbol", "name");
    private static final Set<String> NUMBER_FIELDS = Set.of("value", "price", "amount", "bidPrice", "bidSize",
            "askPrice", "askSize", "open", "high", "low", "close", "volume");
    private static final Set<String> OPERATORS = Set.of(">", ">=", "<", "<=", "=", "!=");

    private final Map<String, List<String>> allowed;
    private final List<Condition> conditions;

    private record Condition(String field, String op, double value) {
        boolean holds(double actual) {
            return switch (op) {
                case ">" -> actual > value;
                case ">=" -> actual >= value;
                case "<" -> actual < value;
                case "<=" -> actual <= value;
                case "=" -> actual == value;
                default -> actual != value;
            };
        }
    }

    private EventFilter(Map<String, List<String>> allowed, List<Condition> conditions) {
        this.allowed = allowed;
        this.conditions = conditions;
    }

    /** Reads filters from a request or from storage; a bad one is a 400 naming where it is. */
    public static EventFilter parse(JsonNode filters) {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        List<Condition> conditions = new ArrayList<>();
        if (filters == null || filters.isNull()) {
            return new EventFilter(allowed, conditions);
        }
        if (!filters.isObject()) {
            throw ApiException.badParameter("filters", "'filters' must be an object such as {\"symbol\":\"BTC-USDT\"}");
        }
        for (Iterator<String> names = filters.fieldNames(); names.hasNext();) {
            String name = names.next();
            JsonNode value = filters.get(name);
            if (TEXT_FIELDS.contains(name)) {
                allowed.put(name, texts("filters." + name, value));
            } else if (name.equals("conditions")) {
                conditions.addAll(conditions(value));
            } else {
                throw ApiException.badParameter("filters." + name,
                        "Unknown filter '" + name + "'; known: exchange, symbol, name, conditions");
            }
        }
        return new EventFilter(allowed, conditions);
    }

    public boolean matches(JsonNode event) {
        for (Map.Entry<String, List<String>> filter : allowed.entrySet()) {
            JsonNode actual = event.get(filter.getKey());
            if (actual == null || !filter.getValue().contains(actual.asText())) {
                return false;
            }
        }
        for (Condition condition : conditions) {
            JsonNode actual = event.get(condition.field());
            if (actual == null || actual.isNull() || !condition.holds(actual.asDouble())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(String parameter, JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value.isTextual()) {
            texts.add(value.asText());
        } else if (value.isArray() && !value.isEmpty()) {
            value.forEach(v -> {
                if (!v.isTextual()) {
                    throw ApiException.badParameter(parameter, "'" + parameter + "' must hold strings");
                }
                texts.add(v.asText());
            });
        } else {
            throw ApiException.badParameter(parameter, "'" + parameter + "' must be a string or a non-empty list of strings");
        }
        return texts;
    }

    private static List<Condition> conditions(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badParameter("filters.conditions", "'filters.conditions' must be a list");
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String at = "filters.conditions[" + i + "]";
            JsonNode c = value.get(i);
            String field = c.path("field").asText();
            String op = c.path("op").asText();
            if (!NUMBER_FIELDS.contains(field)) {
                throw ApiException.badParameter(at + ".field", "'" + at + ".field' must be one of " + NUMBER_FIELDS);
            }
            if (!OPERATORS.contains(op)) {
                throw ApiException.badParameter(at + ".op", "'" + at + ".op' must be one of " + OPERATORS);
            }
            if (!c.path("value").isNumber()) {
                throw ApiException.badParameter(at + ".value", "'" + at + ".value' must be a number");
            }
            conditions.add(new Condition(field, op, c.get("value").asDouble()));
        }
        return conditions;
    }
}
