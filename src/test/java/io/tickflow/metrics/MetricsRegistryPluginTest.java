package io.tickflow.metrics;

import java.util.List;

import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickflow.testing.LogLines;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsRegistryPluginTest {

    /**
     * Micrometer warns of a meter registered twice once per JVM, then says it at DEBUG: so this
     * listens at DEBUG, and catches it whichever test registered first.
     */
    @Test
    void micrometersOwnCpuTimesAreLeftOutWithoutAWordAndOursServedInSeconds() throws Exception {
        Level before = LogManager.getLogger("io.micrometer").getLevel();
        Configurator.setLevel("io.micrometer", Level.DEBUG);
        try (DefaultCamelContext context = new DefaultCamelContext(); LogLines micrometer = LogLines.of("io.micrometer")) {
            new MetricsRegistryPlugin().load(context);
            PrometheusMeterRegistry registry = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                    PrometheusMeterRegistry.class);
            // the binders camel.metrics.binders names as processor and jvm-compilation
            new ProcessorMetrics().bindTo(registry);
            new JvmCompilationMetrics().bindTo(registry);

            assertEquals(List.of(), micrometer.lines(), "Micrometer has nothing to say");
            String page = registry.scrape();
            assertEquals(1, series(page, "process_cpu_time_seconds_total"), page);
            assertEquals(1, series(page, "jvm_compilation_time_seconds_total"), page);
            assertEquals(0, series(page, "process_cpu_time_ns_total") + series(page, "jvm_compilation_time_ms_total"), page);
        } finally {
            Configurator.setLevel("io.micrometer", before);
        }
    }

    private static long series(String page, String name) {
        return page.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).count();
    }
}
