package io.tickflow.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.tickflow.api.ApiException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a queries file ({@code queries:} list of name, description, target, sql, parameters) and
 * checks all of it, so a file with any mistake is refused as a whole with a message saying where.
 */
public final class QueryFileParser {

    public static final Set<String> TARGETS = Set.of("questdb", "postgres");
    /** Request parameters every query takes, so no query parameter may use these names. */
    public static final Set<String> RESERVED = Set.of("limit", "format");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> QUERY_KEYS = Set.of("name", "description", "target", "sql", "parameters");
    private static final Set<String> PARAMETER_KEYS =
            Set.of("name", "type", "description", "required", "default", "min", "max", "allowed");

    private QueryFileParser() {
    }

    /** The queries of one file, by name; {@code placeholders} resolves {{property}} in SQL. */
    public static Map<String, NamedQuery> parse(String yaml, UnaryOperator<String> placeholders) {
        Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        if (!(root instanceof Map<?, ?> top) || !(top.get("queries") instanceof List<?> list)) {
            throw new IllegalArgumentException("the file must have a top-level 'queries:' list");
        }
        Map<String, NamedQuery> queries = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Map<?, ?> entry = map(list.get(i), "queries[" + i + "]");
            String where = "query " + (entry.get("name") != null ? "'" + entry.get("name") + "'" : "#" + (i + 1));
            try {
                NamedQuery query = query(entry, placeholders);
                if (queries.put(query.name(), query) != null) {
                    throw new IllegalArgumentException("the name is used twice");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return queries;
    }

    private static NamedQuery query(Map<?, ?> entry, UnaryOperator<String> placeholders) {
        onlyKeys(entry, QUERY_KEYS);
        String name = name(entry);
        String target = text(entry, "target");
        if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException("target must be questdb or postgres, was '" + target + "'");
        }
        NamedSql sql = new NamedSql(placeholders.apply(text(entry, "sql")));
        List<QueryParameter> parameters = new ArrayList<>();
        Object declared = entry.get("parameters");
        List<?> items = declared == null ? List.of() : declared instanceof List<?> l ? l : List.of(declared);
        for (Object item : items) {
            QueryParameter parameter = parameter(map(item, "a parameter"));
            if (parameters.stream().anyMatch(p -> p.name().equals(parameter.name()))) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "' is declared twice");
            }
            parameters.add(parameter);
        }
        Set<String> used = sql.parameterNames();
        for (String usedName : used) {
            if (parameters.stream().noneMatch(p -> p.name().equals(usedName))) {
                throw new IllegalArgumentException("the SQL uses :" + usedName + " but no parameter declares it");
            }
        }
        for (QueryParameter parameter : parameters) {
            if (!used.contains(parameter.name())) {
                throw new IllegalArgumentException("parameter '" + parameter.name() + "' is not used in the SQL");
            }
        }
        return new NamedQuery(name, text(entry, "description"), target, sql, List.copyOf(parameters));
    }

    private static QueryParameter parameter(Map<?, ?> entry) {
        onlyKeys(entry, PARAMETER_KEYS);
        String name = name(entry);
        try {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("the name is reserved for every query (" + String.join(", ", RESERVED) + ")");
            }
            ParameterType type = ParameterType.of(text(entry, "type"));
            boolean numeric = type != ParameterType.STRING && type != ParameterType.SYMBOLS;
            if (!numeric && (entry.get("min") != null || entry.get("max") != null)) {
                throw new IllegalArgumentException("min and max apply to int, double, timestamp and duration only");
            }
            if (numeric && entry.get("allowed") != null) {
                throw new IllegalArgumentException("allowed applies to string and symbols only");
            }
            Object allowed = entry.get("allowed");
            QueryParameter parameter = new QueryParameter(name, type, optional(entry, "description"),
                    Boolean.TRUE.equals(entry.get("required")), optional(entry, "default"), optional(entry, "min"),
                    optional(entry, "max"), allowed == null ? List.of() : ((List<?>) allowed).stream().map(String::valueOf).toList());
            if (parameter.required() && parameter.defaultValue() != null) {
                throw new IllegalArgumentException("a required parameter cannot have a default");
            }
            Instant now = Instant.now();
            for (String bound : new String[] {parameter.min(), parameter.max()}) {
                if (bound != null) {
                    ParameterValues.convert(new QueryParameter(name, type, null, false, null, null, null, List.of()), bound, now);
                }
            }
            if (parameter.defaultValue() != null) {
                ParameterValues.convert(parameter, parameter.defaultValue(), now);
            }
            return parameter;
        } catch (ApiException e) {
            throw new IllegalArgumentException("parameter '" + name + "': default, min or max is invalid: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String name(Map<?, ?> entry) {
        String name = text(entry, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "' must be lower case letters, digits and _ (at most 64)");
        }
        return name;
    }

    private static Map<?, ?> map(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(what + " must be a mapping");
    }

    private static void onlyKeys(Map<?, ?> entry, Set<String> keys) {
        for (Object key : entry.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", keys) + ")");
            }
        }
    }

    private static String text(Map<?, ?> entry, String key) {
        String value = optional(entry, key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value.trim();
    }

    private static String optional(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
