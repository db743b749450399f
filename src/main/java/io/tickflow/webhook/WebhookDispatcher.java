package io.tickflow.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages and sends them. Each subscription has at most {@code perSubscription}
 * attempts in flight, so a slow receiver fills only its own share and never delays the others.
 * An attempt's outcome is logged and the message moved on (delivered, retried later, or parked),
 * and counted in /metrics by outcome; an attempt that could not be logged counts as
 * {@code unrecorded} (its lease brings the message back).
 */
public class WebhookDispatcher implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private MessageStore messageStore;
    private WebhookSender sender;
    private RetryPolicy retryPolicy;
    private int batchSize = 500;
    private int perSubscription = 10;
    private Duration lease = Duration.ofSeconds(60);
    private Duration disableAfter = Duration.ofDays(5);
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private CamelContext camelContext;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** Sends what is due now; returns how many attempts started. */
    public synchronized int dispatch() throws Exception {
        if (attempts.isEmpty()) {
            registerCounters();
        }
        List<String> busy = inFlight.entrySet().stream()
                .filter(e -> e.getValue().get() >= perSubscription).map(Map.Entry::getKey).toList();
        List<Delivery> due = messageStore.claimDue(batchSize, perSubscription, busy, lease);
        for (Delivery delivery : due) {
            inFlight.computeIfAbsent(delivery.subscriptionId(), id -> new AtomicInteger()).incrementAndGet();
            sender.send(delivery).thenAccept(result -> finish(delivery, result));
        }
        return due.size();
    }

    private void finish(Delivery delivery, AttemptResult result) {
        try {
            Duration retryIn = result.succeeded() || !result.retryable() ? null
                    : retryPolicy.nextDelay(delivery.attemptsMade() + 1, result.retryAfter());
            count(messageStore.recordAttempt(delivery, result, retryIn, disableAfter));
            if (!result.succeeded()) {
                LOG.info("Webhook {} to {} attempt {}: {}{}", delivery.messageId(), delivery.url(), delivery.attemptsMade() + 1,
                        result.error(), retryIn == null ? "; parked as failed" : "; next try in " + retryIn.toMillis() + " ms");
            }
        } catch (Exception e) {
            // the lease brings the message back, so this attempt is repeated rather than lost
            LOG.warn("Could not record webhook attempt {}: {}", delivery.messageId(), e.getMessage());
            count("unrecorded");
        } finally {
            inFlight.get(delivery.subscriptionId()).decrementAndGet();
        }
    }

    private void count(String outcome) {
        attempts.get(outcome).increment();
    }

    /**
     * Every outcome up front, so /metrics shows zeros before the first attempt. Done at the first
     * dispatch, not when the bean is created: Camel binds the registry /metrics serves only after
     * the route files (and their beans) are read.
     */
    private void registerCounters() {
        var registry = MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(), MicrometerConstants.METRICS_REGISTRY_NAME);
        for (String outcome : List.of("delivered", "retrying", "failed", "unrecorded")) {
            attempts.put(outcome, Counter.builder("tickflow.webhook.attempts").description("Webhook delivery attempts by outcome")
                    .tag("outcome", outcome).register(registry));
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setMessageStore(MessageStore messageStore) {
        this.messageStore = messageStore;
    }

    public void setSender(WebhookSender sender) {
        this.sender = sender;
    }

    public void setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public void setPerSubscription(int perSubscription) {
        this.perSubscription = perSubscription;
    }

    public void setLeaseMs(long leaseMs) {
        this.lease = Duration.ofMillis(leaseMs);
    }

    public void setDisableAfter(String disableAfter) {
        this.disableAfter = RetryPolicy.parseDuration(disableAfter);
    }
}
