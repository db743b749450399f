package io.tickflow.startup;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The route files Tickflow reads, {@code camel.main.routes-include-pattern}, as the environment
 * ({@code CAMEL_MAIN_ROUTES_INCLUDE_PATTERN}) or a JVM system property sets it. Camel 4.17's main
 * builds the files' beans before their routes (BaseMainSupport.modelineRoutes) with the list it has
 * at that moment, which takes the environment and system properties only in camelCase
 * ({@code CAMEL_MAIN_ROUTESINCLUDEPATTERN}); the documented spelling is applied later, to the routes.
 * So a sink-only instance started the sinks' routes but built the beans of every file (the query
 * catalog, the webhook dispatcher, the backfill runner...). Tickflow's main passes this value as an
 * override property, which Camel takes from the first step.
 */
public final class RouteFilesSetting {

    /** The property, as application.properties and README spell it. */
    public static final String PROPERTY = "camel.main.routes-include-pattern";

    private RouteFilesSetting() {
    }

    /** The value a system property sets, else the one the environment sets; empty when neither does. */
    public static Optional<String> from(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        return Optional.ofNullable(systemProperties.apply(PROPERTY))
                .or(() -> Optional.ofNullable(environment.apply("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN")))
                .filter(value -> !value.isBlank());
    }
}
