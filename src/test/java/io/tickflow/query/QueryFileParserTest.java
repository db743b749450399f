package io.tickflow.query;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the queries file checks and of :name compilation (no database needed). */
class QueryFileParserTest {

    @Test
    void namedParametersBecomeBoundPlaceholders() {
        NamedSql sql = new NamedSql("SELECT ':not_a_param', x::text, \"a:b\" -- :comment\n"
                + "FROM t WHERE s IN (:symbols) AND n > :n /* :c */ AND m = :n");
        assertEquals(List.of("symbols", "n"), List.copyOf(sql.parameterNames()));
        NamedSql.Bound bound = sql.bind(Map.of("symbols", List.of("A", "B"), "n", 5L));
        assertEquals("SELECT ':not_a_param', x::text, \"a:b\" -- :comment\nFROM t WHERE s IN (?, ?) AND n > ? /* :c */ AND m = ?",
                bound.sql());
        assertEquals(List.of("A", "B", 5L, 5L), bound.values());
    }

    @Test
    void resolvesPlaceholdersAndReadsParameters() {
        Map<String, NamedQuery> queries = QueryFileParser.parse("""
                queries:
                  - name: q
                    description: d
                    target: questdb
                    sql: SELECT * FROM {{table}} WHERE n <= :n
                    parameters:
                      - {name: n, type: int, default: "3", min: "1", max: "9"}
                """, text -> text.replace("{{table}}", "trades_x"));
        NamedQuery q = queries.get("q");
        assertEquals("SELECT * FROM trades_x WHERE n <= ?", q.sql().bind(Map.of("n", 1L)).sql());
        assertEquals(ParameterType.INT, q.parameters().get(0).type());
        assertEquals("9", q.parameters().get(0).max());
    }

    @Test
    void refusesAFileWithAnyMistakeSayingWhere() {
        assertRefused("queries: {}", "top-level 'queries:' list");
        assertRefused(query("target: mysql", "SELECT 1", ""), "target must be questdb or postgres");
        assertRefused(query("target: postgres", "SELECT :x", ""), ":x but no parameter declares it");
        assertRefused(query("target: postgres", "SELECT 1", "[{name: x, type: int}]"), "'x' is not used");
        assertRefused(query("target: postgres", "SELECT :x", "[{name: x, type: float}]"), "unknown type 'float'");
        assertRefused(query("target: postgres", "SELECT :x", "[{name: x, type: int, default: abc}]"), "default, min or max is invalid");
        assertRefused(query("target: postgres", "SELECT :x", "[{name: x, type: int, default: '20', max: '10'}]"), "'x'");
        assertRefused(query("target: postgres", "SELECT :x", "[{name: x, type: string, min: a}]"), "min and max apply to");
        assertRefused(query("target: postgres", "SELECT :limit", "[{name: limit, type: int}]"), "reserved");
        assertRefused(query("target: postgres", "SELECT :x", "[{name: x, type: int, required: true, default: '1'}]"), "required");
        assertRefused(query("target: postgres", "SELECT 1", "[]").replace("target:", "tagret: x\n    target:"), "unknown key 'tagret'");
        assertRefused(query("target: postgres", "SELECT 'open", ""), "unterminated string");
        assertRefused(query("target: postgres", "SELECT ?", ""), "use :name");
        assertRefused(query("target: postgres", "SELECT 1", "") + query("target: postgres", "SELECT 2", "").replace("queries:\n", ""),
                "used twice");
    }

    private static String query(String target, String sql, String parameters) {
        return "queries:\n  - name: q\n    description: d\n    " + target + "\n    sql: \"" + sql + "\"\n"
                + (parameters.isEmpty() ? "" : "    parameters: " + parameters + "\n");
    }

    private static void assertRefused(String yaml, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryFileParser.parse(yaml, t -> t), yaml);
        assertTrue(e.getMessage().contains(reason), e.getMessage() + " should say " + reason);
    }
}
