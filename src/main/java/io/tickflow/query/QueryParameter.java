package io.tickflow.query;

import java.util.List;

/**
 * One typed parameter of a named query, as declared in the queries file. {@code min}/{@code max}
 * bound numbers, timestamps and durations (written like a value of the type); {@code allowed}
 * restricts strings and symbols to a list; {@code defaultValue} is used when the request omits it.
 */
public record QueryParameter(String name, ParameterType type, String description, boolean required,
        String defaultValue, String min, String max, List<String> allowed) {

    /** What a valid value looks like, for error messages and the OpenAPI document. */
    public String expected() {
        StringBuilder text = new StringBuilder(switch (type) {
            case STRING -> "a string of at most " + ParameterValues.MAX_STRING_LENGTH + " characters";
            case INT -> "an integer";
            case DOUBLE -> "a number";
            case TIMESTAMP -> "an ISO-8601 UTC time (years 1 to 9999) such as 2026-01-31T12:00:00Z, or now, or now-<duration> such as now-6h";
            case DURATION -> "a duration such as 30s, 15m, 1h, 2d or PT15M";
            case SYMBOLS -> "a comma-separated list of at most " + ParameterValues.MAX_SYMBOLS + " symbols such as BTC-USDT,ETH-USDT";
        });
        if (min != null) {
            text.append(", at least ").append(min);
        }
        if (max != null) {
            text.append(", at most ").append(max);
        }
        if (allowed != null && !allowed.isEmpty()) {
            text.append(", one of ").append(String.join(", ", allowed));
        }
        return text.toString();
    }
}
