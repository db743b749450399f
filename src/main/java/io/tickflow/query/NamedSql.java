package io.tickflow.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL with {@code :name} parameters, compiled once into JDBC SQL with {@code ?} placeholders.
 * Values are always bound, never put into the SQL text; a symbol list becomes one {@code ?} per
 * symbol, so write it as {@code symbol IN (:symbols)}. Quoted text, quoted identifiers, comments
 * and PostgreSQL casts ({@code ::type}) are left alone.
 */
public final class NamedSql {

    /** JDBC SQL and the values for its placeholders, in order. */
    public record Bound(String sql, List<Object> values) {
    }

    private final List<String> texts = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public NamedSql(String sql) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end = i + 1;
            if (c == '\'' || c == '"') {
                end = sql.indexOf(c, i + 1) + 1;
                require(end > 0, "unterminated " + (c == '\'' ? "string" : "quoted identifier"));
            } else if (c == '-' && sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i) < 0 ? sql.length() : sql.indexOf('\n', i);
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i) + 2;
                require(end > 1, "unterminated comment");
            } else if (c == ':' && sql.startsWith("::", i)) {
                end = i + 2;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                texts.add(text.toString());
                text.setLength(0);
                names.add(sql.substring(i + 1, end));
                i = end;
                continue;
            } else {
                require(c != '?' && c != '$', "use :name for parameters, not '" + c + "'");
            }
            text.append(sql, i, end);
            i = end;
        }
        texts.add(text.toString());
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The parameter names the SQL uses, in order of first use. */
    public Set<String> parameterNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** The JDBC SQL and values for these parameter values (every used name must have one). */
    public Bound bind(Map<String, Object> values) {
        StringBuilder sql = new StringBuilder(texts.get(0));
        List<Object> bound = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Object value = values.get(names.get(i));
            if (value instanceof List<?> list) {
                sql.append(String.join(", ", Collections.nCopies(list.size(), "?")));
                bound.addAll(list);
            } else {
                sql.append('?');
                bound.add(value);
            }
            sql.append(texts.get(i + 1));
        }
        return new Bound(sql.toString(), bound);
    }
}
