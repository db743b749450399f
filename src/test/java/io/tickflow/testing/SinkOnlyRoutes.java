package io.tickflow.testing;

/** The route files README lists for a sink only (CAMEL_MAIN_ROUTES_INCLUDE_PATTERN), for the tests that run it. */
public final class SinkOnlyRoutes {

    public static final String README = "classpath:routes/storage.camel.yaml,classpath:routes/sink.camel.yaml,"
            + "classpath:routes/questdb-sink.camel.yaml,classpath:routes/postgres-sink.camel.yaml,classpath:routes/dead-letter.camel.yaml,"
            + "classpath:rest/api-errors.camel.yaml,classpath:rest/health.camel.yaml,classpath:rest/metrics.camel.yaml";

    private SinkOnlyRoutes() {
    }
}
