package io.tickflow.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * Gives every series on /metrics a HELP line and one spelling of the context label. The meters the
 * route files count through {@code micrometer:} endpoints cannot be given a description there, and
 * Camel registers a few without one; they get theirs here as they are registered. Camel's
 * {@code app.info} names its context {@code camel.context}, every other series {@code camelContext}.
 */
public final class MeterDescriptions implements MeterFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("tickflow.feed.events", "Records of a feed (or the market simulator) that Kafka acknowledged, by type"),
            Map.entry("tickflow.feed.gaps", "Gap events a feed published once data flowed again after a loss"),
            Map.entry("tickflow.sink.records", "Records a sink polled from Kafka (a replayed batch counts again)"),
            Map.entry("tickflow.sink.rows", "Records a sink stored"),
            Map.entry("tickflow.sink.batch", "Time to store a sink's batch, retries while its database is down included"),
            Map.entry("tickflow.dead.letters", "Records sent to the dead-letter topic, by source"),
            Map.entry(MicrometerConstants.APP_INFO_METER_NAME, "Camel's version and runtime, in the labels"),
            Map.entry(MicrometerConstants.DEFAULT_CAMEL_ROUTES_ADDED, "Routes added to Camel"),
            Map.entry(MicrometerConstants.DEFAULT_CAMEL_ROUTES_RUNNING, "Routes running"),
            Map.entry(MicrometerConstants.DEFAULT_CAMEL_ROUTES_RELOADED, "Routes reloaded"));

    private static final String APP_INFO_CONTEXT_TAG = "camel.context";

    @Override
    public Meter.Id map(Meter.Id id) {
        String context = id.getTag(APP_INFO_CONTEXT_TAG);
        boolean undescribed = id.getDescription() == null && DESCRIPTIONS.containsKey(id.getName());
        if (context == null && !undescribed) {
            return id;
        }
        Tags tags = Tags.of(id.getTagsAsIterable());
        if (context != null) {
            tags = Tags.of(tags.stream().filter(tag -> !tag.getKey().equals(APP_INFO_CONTEXT_TAG)).toList())
                    .and(MicrometerConstants.CAMEL_CONTEXT_TAG, context);
        }
        String description = undescribed ? DESCRIPTIONS.get(id.getName()) : id.getDescription();
        return new Meter.Id(id.getName(), tags, id.getBaseUnit(), description, id.getType());
    }
}
