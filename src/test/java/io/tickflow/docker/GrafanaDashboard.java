package io.tickflow.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The provisioned Grafana dashboard read as Grafana reads it: its panels' and variables' queries,
 * and their SQL as Grafana sends it to the data source, with the dashboard variables and the
 * macros put in the way Grafana's PostgreSQL data source does.
 */
final class GrafanaDashboard {

    static final Path FILE = Path.of("docker/grafana/dashboards/tickflow.json");

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(\\s*(\\w+)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    private static final Pattern SCHEMA_TABLE = Pattern.compile("CREATE TABLE IF NOT EXISTS \\{\\{([\\w.-]+)}}");
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /** A query of a panel (format time_series or table) or of a variable (format variable). */
    record Query(String owner, String format, String sql, JsonNode panel) {
    }

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    static GrafanaDashboard read() throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(Files.readString(FILE)));
    }

    JsonNode root() {
        return root;
    }

    List<Query> panelQueries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("panel '" + panel.path("title").asText() + "'",
                        target.path("format").asText(), target.path("rawSql").asText(), panel));
            }
        }
        return queries;
    }

    List<Query> variableQueries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode variable : root.path("templating").path("list")) {
            queries.add(new Query("variable '" + variable.path("name").asText() + "'", "variable",
                    variable.path("query").asText(), variable));
        }
        return queries;
    }

    /** The default (current) values of a variable. */
    List<String> defaults(String variable) {
        JsonNode value = variableNamed(variable).path("current").path("value");
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else {
            values.add(value.asText());
        }
        return values;
    }

    /**
     * The SQL Grafana sends for a query over [from, to) with the given interval: variables at their
     * defaults (one value as it is, several quoted and comma-separated, as the SQL data sources
     * format them), then $__timeFilter as the PostgreSQL data source expands it.
     */
    String expand(String sql, Instant from, Instant to, long intervalMs) {
        Matcher variables = VARIABLE.matcher(sql);
        StringBuilder withVariables = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1) != null ? variables.group(1) : variables.group(2);
            String value;
            if (name.equals("__interval_ms")) {
                value = String.valueOf(intervalMs);
            } else if (name.startsWith("__")) {
                value = variables.group();
            } else if (variableNamed(name).path("multi").asBoolean()) {
                value = String.join(",", defaults(name).stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
            } else {
                value = defaults(name).get(0).replace("'", "''");
            }
            variables.appendReplacement(withVariables, Matcher.quoteReplacement(value));
        }
        variables.appendTail(withVariables);
        String range = "'" + from.truncatedTo(ChronoUnit.MILLIS) + "' AND '" + to.truncatedTo(ChronoUnit.MILLIS) + "'";
        String expanded = TIME_FILTER.matcher(withVariables).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " BETWEEN " + range));
        if (expanded.contains("$")) {
            throw new AssertionError("a macro or variable this test does not know: " + expanded);
        }
        return expanded;
    }

    /** The tables a query reads (the names after FROM and JOIN). */
    static Set<String> tablesIn(String sql) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            tables.add(m.group(1));
        }
        return tables;
    }

    /** The query with each table read renamed. */
    static String withTables(String sql, UnaryOperator<String> rename) {
        return TABLE.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(
                m.group().substring(0, m.start(1) - m.start()) + rename.apply(m.group(1))));
    }

    /**
     * The tables resources/sql/questdb-schema.sql creates: each default name (from
     * application.properties) with the property that names it.
     */
    static Map<String, String> questDbTables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("resources/application.properties"))) {
            properties.load(in);
        }
        Map<String, String> tables = new LinkedHashMap<>();
        Matcher created = SCHEMA_TABLE.matcher(Files.readString(Path.of("resources/sql/questdb-schema.sql")));
        while (created.find()) {
            tables.put(properties.getProperty(created.group(1)), created.group(1));
        }
        return tables;
    }

    private JsonNode variableNamed(String name) {
        for (JsonNode variable : root.path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("the dashboard has no variable " + name);
    }
}
