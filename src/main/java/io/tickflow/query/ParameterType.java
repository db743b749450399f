package io.tickflow.query;

import java.util.Arrays;

/** The types a named query's parameter can have, as written in the queries file. */
public enum ParameterType {
    STRING("string"),
    INT("int"),
    DOUBLE("double"),
    TIMESTAMP("timestamp"),
    DURATION("duration"),
    SYMBOLS("symbols");

    private final String yamlName;

    ParameterType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static ParameterType of(String yamlName) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(yamlName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown type '" + yamlName + "' (expected one of "
                        + String.join(", ", Arrays.stream(values()).map(ParameterType::yamlName).toList()) + ")"));
    }
}
