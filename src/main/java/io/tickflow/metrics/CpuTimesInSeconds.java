package io.tickflow.metrics;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The JIT's and the process's CPU time in seconds, Prometheus' base unit: Micrometer counts them in
 * ms and ns, which {@link PrometheusNames} leaves out. Registered under names of their own, which
 * PrometheusNames maps to Micrometer's: Micrometer looks a new meter up by its name as given, and
 * would find these under Micrometer's names and warn of a meter registered twice.
 */
final class CpuTimesInSeconds implements MeterBinder {

    static final String JIT_TIME = "tickflow.jvm.compilation.time";
    static final String PROCESS_CPU_TIME = "tickflow.process.cpu.time";

    @Override
    public void bindTo(MeterRegistry registry) {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        if (compilation != null && compilation.isCompilationTimeMonitoringSupported()) {
            FunctionCounter.builder(JIT_TIME, compilation, c -> c.getTotalCompilationTime() / 1e3)
                    .description("Time the JIT compiler has spent compiling").baseUnit("seconds").register(registry);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder(PROCESS_CPU_TIME, os, o -> o.getProcessCpuTime() / 1e9)
                    .description("CPU time this process has used").baseUnit("seconds").register(registry);
        }
    }
}
