package io.tickflow.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages from memory, with PostgreSQL as the durable log: the intake hands over what it
 * has just queued (leased to this instance, so no poll claims it meanwhile), and the timer claims
 * from PostgreSQL only what is not in memory (retries, replays, test events, what a crash or a
 * full memory left there). Each subscription has a lane: at most {@code perSubscription}
 * attempts in flight, the rest waiting in order, so a slow receiver fills only its own lane and
 * never delays the others; a finished attempt starts the lane's next one at once. Each attempt is
 * sent to the subscription's current URL and signed with its current secret; a lane whose
 * subscription is no longer active (paused, disabled, deleted) gives its waiting messages back to
 * PostgreSQL, where they wait for it to resume. Outcomes go to the {@link AttemptLog}.
 */
public class WebhookDispatcher implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private MessageStore messageStore;
    private SubscriptionStore subscriptionStore;
    private WebhookSender sender;
    private RetryPolicy retryPolicy;
    private AttemptLog attemptLog;
    private int batchSize = 500;
    private int perSubscription = 10;
    private int maxInMemory = 100_000;
    private int threads = 2;
    private Duration lease = Duration.ofSeconds(60);
    private Duration timeout = Duration.ofSeconds(15);
    private CamelContext camelContext;
    private ExecutorService pumps;
    private boolean countersRegistered;
    private volatile boolean closing;
    private volatile Map<String, Subscription> active = Map.of();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** A subscription's messages waiting in memory and its attempts in flight; guarded by itself. */
    private static final class Lane {
        final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
        int inFlight;
    }

    public synchronized void start() {
        // the pumps check each target's address (DNS) and sign: never on the HTTP client's event loop
        pumps = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        attemptLog.start();
        sender.start();
    }

    /** Whether {@code count} more messages may be sent from memory; if not, the intake leaves them due in PostgreSQL. */
    public boolean hasRoomFor(int count) {
        return !closing && waiting.get() + count <= maxInMemory;
    }

    /** Until when the intake leases the messages it hands over: truncated to PostgreSQL's microseconds. */
    public OffsetDateTime newLease() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC).plus(lease).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Messages just queued with a lease of {@link #newLease()}, and the active subscriptions they were queued for. */
    public void offer(List<Delivery> deliveries, List<Subscription> activeNow) {
        active = byId(activeNow);
        enqueue(deliveries);
    }

    /** Claims what is due in PostgreSQL and is not in memory; returns how many messages. */
    public synchronized int dispatch() throws Exception {
        if (!countersRegistered) {
            // not when the bean is created: Camel binds the registry /metrics serves only after the route files are read
            attemptLog.registerCounters(MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                    MicrometerConstants.METRICS_REGISTRY_NAME));
            countersRegistered = true;
        }
        active = byId(subscriptionStore.active());
        List<String> busy = new ArrayList<>();
        lanes.forEach((id, lane) -> {
            synchronized (lane) {
                if (lane.inFlight + lane.waiting.size() >= perSubscription) {
                    busy.add(id);
                }
            }
        });
        List<Delivery> due = messageStore.claimDue(batchSize, perSubscription, busy, lease);
        enqueue(due);
        // lanes of subscriptions paused or deleted since give their waiting messages back
        lanes.forEach((id, lane) -> {
            if (!active.containsKey(id)) {
                pumps.execute(() -> pump(id, lane));
            }
        });
        return due.size();
    }

    private void enqueue(List<Delivery> deliveries) {
        Set<String> touched = new LinkedHashSet<>();
        for (Delivery delivery : deliveries) {
            Lane lane = lanes.computeIfAbsent(delivery.subscriptionId(), id -> new Lane());
            synchronized (lane) {
                lane.waiting.add(delivery);
            }
            waiting.incrementAndGet();
            touched.add(delivery.subscriptionId());
        }
        for (String id : touched) {
            pumps.execute(() -> pump(id, lanes.get(id)));
        }
    }

    /** Starts the lane's next attempts, up to its share, or gives its messages back when it may not send. */
    private void pump(String subscriptionId, Lane lane) {
        Subscription subscription = active.get(subscriptionId);
        List<Delivery> start = new ArrayList<>();
        List<Delivery> giveBack = new ArrayList<>();
        OffsetDateTime enoughLease = OffsetDateTime.now().plus(lease.dividedBy(2));
        synchronized (lane) {
            while (!lane.waiting.isEmpty() && (subscription == null || closing)) {
                giveBack.add(lane.waiting.poll());
            }
            while (lane.inFlight < perSubscription && !lane.waiting.isEmpty()) {
                Delivery next = lane.waiting.poll();
                if (next.leasedUntil().isBefore(enoughLease)) {
                    // waited in memory so long that its lease could end mid-attempt: it comes back from PostgreSQL
                    waiting.decrementAndGet();
                    continue;
                }
                lane.inFlight++;
                start.add(new Delivery(next.messageId(), subscriptionId, subscription.url(), subscription.secret(), next.body(),
                        next.attemptsMade(), next.leasedUntil()));
            }
        }
        waiting.addAndGet(-start.size() - giveBack.size());
        giveBack.forEach(attemptLog::release);
        for (Delivery delivery : start) {
            inFlight.incrementAndGet();
            sender.send(delivery).thenAccept(result -> {
                // logged from the client's thread, without waiting for a pump: the log is what API callers see
                log(delivery, result);
                pumps.execute(() -> next(delivery, lane));
            });
        }
    }

    private void log(Delivery delivery, AttemptResult result) {
        Duration retryIn = result.succeeded() || !result.retryable() ? null
                : retryPolicy.nextDelay(delivery.attemptsMade() + 1, result.retryAfter());
        if (!result.succeeded()) {
            LOG.info("Webhook {} to {} attempt {}: {}{}", delivery.messageId(), delivery.url(), delivery.attemptsMade() + 1,
                    result.error(), retryIn == null ? "; parked as failed" : "; next try in " + retryIn.toMillis() + " ms");
        }
        attemptLog.add(new AttemptLog.Finished(delivery, result, retryIn, Instant.now()));
    }

    private void next(Delivery delivery, Lane lane) {
        synchronized (lane) {
            lane.inFlight--;
        }
        inFlight.decrementAndGet();
        pump(delivery.subscriptionId(), lane);
    }

    private static Map<String, Subscription> byId(List<Subscription> subscriptions) {
        Map<String, Subscription> byId = new HashMap<>();
        subscriptions.forEach(s -> byId.put(s.id(), s));
        return byId;
    }

    /**
     * Lets the attempts in flight finish (up to twice the timeout), gives what waits in memory back
     * to PostgreSQL, writes the log, then closes the client: a stop loses no logged attempt, and
     * the next start sends the rest at once rather than after their leases.
     */
    public void close() throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos() * 2;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        lanes.forEach((id, lane) -> pump(id, lane));
        pumps.shutdown();
        pumps.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        attemptLog.close();
        sender.close();
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

    public void setSubscriptionStore(SubscriptionStore subscriptionStore) {
        this.subscriptionStore = subscriptionStore;
    }

    public void setSender(WebhookSender sender) {
        this.sender = sender;
    }

    public void setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public void setAttemptLog(AttemptLog attemptLog) {
        this.attemptLog = attemptLog;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public void setPerSubscription(int perSubscription) {
        this.perSubscription = perSubscription;
    }

    public void setMaxInMemory(int maxInMemory) {
        this.maxInMemory = maxInMemory;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public void setLeaseMs(long leaseMs) {
        this.lease = Duration.ofMillis(leaseMs);
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeout = Duration.ofMillis(timeoutMs);
    }
}
