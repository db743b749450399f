package io.tickflow.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Names on /metrics as Prometheus' own linter (`promtool check metrics`) wants them: label names in
 * snake_case (Camel's `camelContext`, `routeId`, `eventType` become `camel_context`, `route_id`,
 * `event_type`), times in seconds (Micrometer's `jvm.compilation.time` in ms and `process.cpu.time`
 * in ns are left out: {@link CpuTimesInSeconds} counts them in seconds), and no `_count` suffix on a
 * gauge (`system.cpu.count` becomes `system.cpu.cores`).
 */
public final class PrometheusNames implements MeterFilter {

    private static final Set<String> NOT_SECONDS = Set.of("ms", "ns");

    private static final Map<String, String> RENAMED = Map.of("system.cpu.count", "system.cpu.cores",
            CpuTimesInSeconds.JIT_TIME, "jvm.compilation.time", CpuTimesInSeconds.PROCESS_CPU_TIME, "process.cpu.time");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return notSeconds(id) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    private static boolean notSeconds(Meter.Id id) {
        return id.getBaseUnit() != null && NOT_SECONDS.contains(id.getBaseUnit());
    }

    /**
     * A meter in ms or ns gets a name of its own before {@link #accept} leaves it out: Micrometer
     * looks the mapped name up among the meters before asking the filters, and would find
     * CpuTimesInSeconds' meter of that name and warn of it as registered twice.
     */
    @Override
    public Meter.Id map(Meter.Id id) {
        if (notSeconds(id)) {
            return id.withName(id.getName() + ".left-out");
        }
        String name = RENAMED.get(id.getName());
        Meter.Id mapped = name != null ? id.withName(name) : id;
        List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String key = snakeCase(tag.getKey());
            renamed |= !key.equals(tag.getKey());
            tags.add(Tag.of(key, tag.getValue()));
        }
        return renamed ? mapped.replaceTags(tags) : mapped;
    }

    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
