package io.tickflow.simulator;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * Meters each finished step of the simulator: its duration from the timer's firing to Kafka's
 * acknowledgement ({@code tickflow_simulator_step_seconds}), the ticks it sent
 * ({@code tickflow_simulator_ticks_total}), and whether it took longer than the period
 * ({@code tickflow_simulator_step_overruns_total}): the timer then starts the next step late.
 */
public class StepMeter implements CamelContextAware {

    private CamelContext camelContext;
    private long periodMs;
    private Timer steps;
    private Counter ticks;
    private Counter overruns;

    /** Called at the end of the step's exchange, whose body is the list of ticks sent. */
    public void record(Exchange exchange) {
        if (steps == null) {
            register();
        }
        long elapsedMs = exchange.getClock().elapsed();
        steps.record(Duration.ofMillis(elapsedMs));
        ticks.increment(exchange.getMessage().getBody(List.class).size());
        if (elapsedMs > periodMs) {
            overruns.increment();
        }
    }

    /**
     * In the registry /metrics serves, with the label the micrometer component gives its series.
     * Registered at the first step rather than when the bean is created: Camel binds that registry
     * only after the route files (and their beans) are read.
     */
    private void register() {
        MeterRegistry registry = MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        String context = camelContext.getName();
        overruns = Counter.builder("tickflow.simulator.step.overruns").tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context)
                .description("Simulator steps that took longer than the period, delaying the next").register(registry);
        ticks = Counter.builder("tickflow.simulator.ticks").tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context)
                .description("Ticks the simulator sent and Kafka acknowledged").register(registry);
        steps = Timer.builder("tickflow.simulator.step").tag(MicrometerConstants.CAMEL_CONTEXT_TAG, context)
                .description("Time from a simulator step's start to Kafka's acknowledgement of all its ticks")
                .register(registry);
    }

    public void setPeriodMs(long periodMs) {
        this.periodMs = periodMs;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
