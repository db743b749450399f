package io.tickflow.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due messages and sends them. Each subscription has at most {@code perSubscription}
 * attempts in flight, so a slow receiver fills only its own share and never delays the others.
 * An attempt's outcome is logged and the message moved on (delivered, retried later, or parked).
 */
public class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private MessageStore messageStore;
    private WebhookSender sender;
    private RetryPolicy retryPolicy;
    private int batchSize = 500;
    private int perSubscription = 10;
    private Duration lease = Duration.ofSeconds(60);
    private Duration disableAfter = Duration.ofDays(5);
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** Sends what is due now; returns how many attempts started. */
    public synchronized int dispatch() throws Exception {
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
            messageStore.recordAttempt(delivery, result, retryIn, disableAfter);
            if (!result.succeeded()) {
                LOG.info("Webhook {} to {} attempt {}: {}{}", delivery.messageId(), delivery.url(), delivery.attemptsMade() + 1,
                        result.error(), retryIn == null ? "; parked as failed" : "; next try in " + retryIn.toMillis() + " ms");
            }
        } catch (Exception e) {
            // the lease brings the message back, so this attempt is repeated rather than lost
            LOG.warn("Could not record webhook attempt {}: {}", delivery.messageId(), e.getMessage());
        } finally {
            inFlight.get(delivery.subscriptionId()).decrementAndGet();
        }
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
