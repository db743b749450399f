package io.tickflow.query;

import java.util.List;

/** A query users call by name: where it runs, its SQL (placeholders resolved) and its parameters. */
public record NamedQuery(String name, String description, String target, NamedSql sql, List<QueryParameter> parameters) {
}
