package io.tickflow.webhook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.api.ApiException;
import io.tickflow.event.EventType;

/**
 * A subscription's filters: allowed values of `exchange`, `symbol` and `name` (a string or a list
 * each), and numeric conditions such as {"field":"amount","op":">=","value":1000} on any numeric
 * field of the contract (a decimal string compares by its value). An event
 * matches when every given filter holds; no filters match everything.
 */
public final class EventFilter {

    private static final Set<String> TEXT_FIELDS = Set.of("exchange", "symbol", "name");
    private static final Set<String> NUMBER_FIELDS = EventType.numericFields();
    private static final Set<String> OPERATORS = Set.of(">", ">=", "<", "<=", "=", "!=");
    /** Limits of one subscription's filters, so a filter stays cheap to store and to match. */
    static final int MAX_VALUES = 1000;
    static final int MAX_VALUE_LENGTH = 100;
    static final int MAX_CONDITIONS = 20;

    private final Map<String, Set<String>> allowed;
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

    private EventFilter(Map<String, Set<String>> allowed, List<Condition> conditions) {
        this.allowed = allowed;
        this.conditions = conditions;
    }

    /** Reads filters from a request or from storage; a bad one is a 400 naming where it is. */
    public static EventFilter parse(JsonNode filters) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
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
        for (Map.Entry<String, Set<String>> filter : allowed.entrySet()) {
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

    private static Set<String> texts(String parameter, JsonNode value) {
        Set<String> texts = new HashSet<>();
        if (value.isTextual()) {
            texts.add(text(parameter, value));
        } else if (value.isArray() && !value.isEmpty() && value.size() <= MAX_VALUES) {
            value.forEach(v -> texts.add(text(parameter, v)));
        } else {
            throw ApiException.badParameter(parameter, "'" + parameter + "' must be a string or a list of 1 to "
                    + MAX_VALUES + " strings");
        }
        return texts;
    }

    private static String text(String parameter, JsonNode value) {
        if (!value.isTextual() || value.asText().length() > MAX_VALUE_LENGTH
                || value.asText().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badParameter(parameter, "'" + parameter + "' must hold strings of at most "
                    + MAX_VALUE_LENGTH + " characters without control characters");
        }
        return value.asText();
    }

    private static List<Condition> conditions(JsonNode value) {
        if (!value.isArray() || value.size() > MAX_CONDITIONS) {
            throw ApiException.badParameter("filters.conditions", "'filters.conditions' must be a list of at most "
                    + MAX_CONDITIONS + " conditions");
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
