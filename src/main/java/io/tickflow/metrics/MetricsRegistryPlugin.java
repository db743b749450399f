package io.tickflow.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Binds the Prometheus registry /metrics serves, with {@link MeterDescriptions} and {@link PrometheusNames} as its filters, under
 * the name Camel's metrics (camel.metrics.*) and the micrometer component look for. A filter applies
 * only to meters registered after it, so the registry is made here, while the context is built
 * (META-INF/services), under Tickflow's main class and under camel run alike.
 */
public final class MetricsRegistryPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext context) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterDescriptions()).meterFilter(new PrometheusNames());
        new CpuTimesInSeconds().bindTo(registry);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
    }
}
