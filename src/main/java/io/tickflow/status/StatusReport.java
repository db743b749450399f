package io.tickflow.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickflow.event.EventTime;
import io.tickflow.feed.FeedConsumer;
import io.tickflow.feed.FeedStatus;
import io.tickflow.webhook.Subscription;
import io.tickflow.webhook.SubscriptionStore;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * GET /api/status: what the pipeline page shows, in one JSON answer read from memory (the
 * metrics registry, the feeds' connections, the routes) plus one small query for the webhook
 * subscriptions. Counts are totals since this instance started; clients derive rates from two
 * answers. Webhook targets are not shown here (their URLs may hold secrets): only counts.
 */
public class StatusReport implements CamelContextAware {

    private CamelContext camelContext;
    private RecentDeadLetters recentDeadLetters;
    private SubscriptionStore subscriptionStore;
    /** Simulator name -> the id of its route. */
    private Map<String, String> simulators = new LinkedHashMap<>();
    /** Simulator name -> the counter of its events, where it is not tickflow.feed.events{feed=name}. */
    private Map<String, String> simulatorCounters = new LinkedHashMap<>();
    /** Sink name -> the id of its route. */
    private Map<String, String> sinks = new LinkedHashMap<>();

    public Map<String, Object> report() throws Exception {
        MeterRegistry meters = MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", EventTime.format(Instant.now()));
        body.put("sources", sources(meters));
        body.put("sinks", sinks(meters));
        body.put("consumerLag", byTag(meters, "tickflow.kafka.consumer.lag", "group"));
        Map<String, Object> deadLetters = new LinkedHashMap<>();
        Map<String, Long> bySource = byTag(meters, "tickflow.dead.letters", "source");
        deadLetters.put("total", bySource.values().stream().mapToLong(Long::longValue).sum());
        deadLetters.put("bySource", bySource);
        deadLetters.put("recent", recentDeadLetters.newest());
        body.put("deadLetters", deadLetters);
        body.put("webhooks", webhooks(meters));
        return body;
    }

    private List<Map<String, Object>> sources(MeterRegistry meters) {
        Map<String, Long> events = byTag(meters, "tickflow.feed.events", "feed");
        List<Map<String, Object>> sources = new ArrayList<>();
        simulators.forEach((name, routeId) -> {
            String counter = simulatorCounters.get(name);
            long count = counter == null ? events.getOrDefault(name, 0L)
                    : meters.find(counter).counters().stream().mapToLong(c -> Math.round(c.count())).sum();
            Map<String, Object> source = source(name, "simulator", count);
            source.put("state", routeState(routeId));
            sources.add(source);
        });
        Map<String, Long> frames = byTag(meters, "tickflow.feed.frames", "feed");
        Map<String, Long> gaps = byTag(meters, "tickflow.feed.gaps", "feed");
        for (Route route : camelContext.getRoutes()) {
            if (route.getConsumer() instanceof FeedConsumer consumer) {
                FeedStatus status = consumer.status();
                Map<String, Object> source = source(status.feed(), "feed", events.getOrDefault(status.feed(), 0L));
                source.put("state", status.state().name().toLowerCase());
                source.put("frames", frames.getOrDefault(status.feed(), 0L));
                source.put("reconnects", status.reconnects());
                source.put("gaps", gaps.getOrDefault(status.feed(), 0L));
                source.put("lastMessageAt", status.lastDataAt() == null ? null : EventTime.format(status.lastDataAt()));
                source.put("lastMessageAgeSeconds", status.lastDataAt() == null ? null
                        : Duration.between(status.lastDataAt(), Instant.now()).toMillis() / 1000.0);
                sources.add(source);
            }
        }
        return sources;
    }

    private static Map<String, Object> source(String name, String kind, long events) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", name);
        source.put("kind", kind);
        source.put("events", events);
        return source;
    }

    private List<Map<String, Object>> sinks(MeterRegistry meters) {
        Map<String, Long> records = byTag(meters, "tickflow.sink.records", "sink");
        Map<String, Long> rows = byTag(meters, "tickflow.sink.rows", "sink");
        List<Map<String, Object>> list = new ArrayList<>();
        sinks.forEach((name, routeId) -> {
            Map<String, Object> sink = new LinkedHashMap<>();
            sink.put("name", name);
            sink.put("state", routeState(routeId));
            sink.put("records", records.getOrDefault(name, 0L));
            sink.put("rows", rows.getOrDefault(name, 0L));
            list.add(sink);
        });
        return list;
    }

    private Map<String, Object> webhooks(MeterRegistry meters) throws Exception {
        Map<String, Long> subscriptions = new TreeMap<>(Map.of("active", 0L, "paused", 0L, "disabled", 0L));
        for (Subscription subscription : subscriptionStore.all()) {
            subscriptions.merge(subscription.status(), 1L, Long::sum);
        }
        Map<String, Object> webhooks = new LinkedHashMap<>();
        webhooks.put("subscriptions", subscriptions);
        webhooks.put("attempts", byTag(meters, "tickflow.webhook.attempts", "outcome"));
        return webhooks;
    }

    /** running, stopped or absent (not configured on this instance). */
    private String routeState(String routeId) {
        ServiceStatus status = camelContext.getRouteController().getRouteStatus(routeId);
        if (status == null) {
            return "absent";
        }
        return status == ServiceStatus.Started ? "running" : status.name().toLowerCase();
    }

    /** The meters of one name summed per value of one tag (all counts, so whole numbers). */
    private static Map<String, Long> byTag(MeterRegistry meters, String name, String tag) {
        Map<String, Long> values = new TreeMap<>();
        for (Meter meter : meters.find(name).meters()) {
            String key = meter.getId().getTag(tag);
            double value = meter instanceof Counter counter ? counter.count()
                    : meter instanceof Gauge gauge ? gauge.value() : Double.NaN;
            if (key != null && !Double.isNaN(value)) {
                values.merge(key, Math.round(value), Long::sum);
            }
        }
        return values;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setRecentDeadLetters(RecentDeadLetters recentDeadLetters) {
        this.recentDeadLetters = recentDeadLetters;
    }

    public void setSubscriptionStore(SubscriptionStore subscriptionStore) {
        this.subscriptionStore = subscriptionStore;
    }

    /** Comma-separated name=routeId pairs. */
    public void setSimulators(String pairs) {
        this.simulators = pairs(pairs);
    }

    /** Comma-separated name=counter pairs. */
    public void setSimulatorCounters(String pairs) {
        this.simulatorCounters = pairs(pairs);
    }

    /** Comma-separated name=routeId pairs. */
    public void setSinks(String pairs) {
        this.sinks = pairs(pairs);
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length == 2) {
                pairs.put(parts[0].trim(), parts[1].trim());
            }
        }
        return pairs;
    }
}
