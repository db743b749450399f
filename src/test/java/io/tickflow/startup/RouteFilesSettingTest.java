package io.tickflow.startup;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteFilesSettingTest {

    private static final String ENV = "CAMEL_MAIN_ROUTES_INCLUDE_PATTERN";

    @Test
    void theEnvironmentSetsIt() {
        assertEquals(Optional.of("classpath:routes/sink.camel.yaml"),
                RouteFilesSetting.from(Map.<String, String>of()::get, Map.of(ENV, "classpath:routes/sink.camel.yaml")::get));
    }

    @Test
    void aSystemPropertyComesBeforeTheEnvironment() {
        assertEquals(Optional.of("classpath:rest/health.camel.yaml"),
                RouteFilesSetting.from(Map.of(RouteFilesSetting.PROPERTY, "classpath:rest/health.camel.yaml")::get,
                        Map.of(ENV, "classpath:routes/sink.camel.yaml")::get));
    }

    @Test
    void unsetOrBlankLeavesItToTheProperties() {
        assertEquals(Optional.empty(), RouteFilesSetting.from(Map.<String, String>of()::get, Map.<String, String>of()::get));
        assertEquals(Optional.empty(), RouteFilesSetting.from(Map.<String, String>of()::get, Map.of(ENV, " ")::get));
    }
}
