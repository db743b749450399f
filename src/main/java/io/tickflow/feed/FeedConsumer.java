package io.tickflow.feed;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.venue.ExchangeProtocol;
import io.tickflow.venue.FrameNormalizer;
import io.tickflow.venue.ReconnectRequested;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection lifecycle every feed shares. Exactly one live connection: each attempt has a
 * generation number, and anything from an older generation (a late handshake, a frame, a close)
 * is dropped and its socket aborted, so overlapping sockets (CAMEL-25582) cannot duplicate data.
 * Subscribes on every connect; pings; reconnects with capped exponential backoff and jitter on
 * close, error, silence (watchdog) and before the exchange's connection age limit; and when data
 * flows again after a loss, publishes a gap event first. Frames become events through the
 * exchange's normalizer; a frame it rejects becomes a dead letter and the connection stays up.
 * Counts the frames received and the reconnects in /metrics; each exchange it emits names its
 * feed in the {@value #FEED_PROPERTY} property, so the routes can count events per feed. While it
 * runs, its health check feed:&lt;name&gt; says whether it is connected.
 */
public class FeedConsumer extends DefaultConsumer {

    public static final String TYPE_HEADER = "tickflowType";
    public static final String KEY_HEADER = "kafka.KEY";
    /** An exchange property, not a header: headers would travel to Kafka with every record. */
    public static final String FEED_PROPERTY = "tickflowFeed";

    private static final Logger LOG = LoggerFactory.getLogger(FeedConsumer.class);

    private final FeedSettings settings;
    private final ExchangeProtocol protocol;
    private final Backoff backoff;
    private final DeadLettering deadLetters;
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicReference<Loss> pendingGap = new AtomicReference<>();

    private ScheduledExecutorService scheduler;
    private HttpClient http;
    private Counter frames;
    private Counter reconnects;
    private FeedHealthCheck health;
    private volatile int generation;
    private volatile FrameNormalizer normalizer;
    private volatile long lastDataNanos;
    private volatile Instant lastDataAt;
    private volatile FeedStatus.State state = FeedStatus.State.CONNECTING;
    // owned by the scheduler thread
    private WebSocket socket;
    private CompletableFuture<WebSocket> sends;
    private long connectedNanos;
    private long lastPingNanos;
    private boolean reconnectPending;

    private record Loss(Instant from, String reason) {
    }

    public FeedConsumer(FeedEndpoint endpoint, Processor processor, FeedSettings settings, ExchangeProtocol protocol) {
        super(endpoint, processor);
        this.settings = settings;
        this.protocol = protocol;
        this.deadLetters = new DeadLettering(settings.feed());
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Frames that became dead letters since start. */
    public long deadLetterCount() {
        return deadLetters.count();
    }

    /** What the feed is doing now, for GET /api/status. */
    public FeedStatus status() {
        return new FeedStatus(settings.feed(), isRunAllowed() ? state : FeedStatus.State.STOPPED, lastDataAt,
                (long) reconnects.count());
    }

    /** Connections attempted since start (one per connect, whatever its outcome). */
    public long connectAttemptCount() {
        return connectAttempts.get();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the Prometheus registry /metrics serves; a private one when metrics are switched off
        MeterRegistry meters = MicrometerUtils.getOrCreateMeterRegistry(getEndpoint().getCamelContext().getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        frames = Counter.builder("tickflow.feed.frames").description("WebSocket frames received from the exchange")
                .tag("feed", settings.feed()).register(meters);
        reconnects = Counter.builder("tickflow.feed.reconnects")
                .description("Connections lost or given up (close, error, watchdog, age) and scheduled again")
                .tag("feed", settings.feed()).register(meters);
        http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        scheduler = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "wsfeed-" + settings.feed());
        scheduler.execute(this::connect);
        scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        health = new FeedHealthCheck(settings.feed(), this::status);
        HealthCheckRegistry checks = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (checks != null) {
            checks.register(health);
        }
    }

    @Override
    protected void doStop() throws Exception {
        HealthCheckRegistry checks = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (checks != null && health != null) {
            checks.unregister(health);
        }
        generation++;
        if (scheduler != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
        }
        if (socket != null) {
            socket.abort();
            socket = null;
        }
        super.doStop();
    }

    private void connect() {
        reconnectPending = false;
        if (!isRunAllowed()) {
            return;
        }
        int current = ++generation;
        connectAttempts.incrementAndGet();
        normalizer = protocol.newNormalizer();
        http.newWebSocketBuilder().connectTimeout(settings.connectTimeout())
                .buildAsync(protocol.uri(settings.url()), new FeedListener(current, this::onMessage, this::onLost))
                .whenComplete((ws, error) -> scheduler.execute(() -> opened(current, ws, error)));
    }

    private void opened(int attempt, WebSocket ws, Throwable error) {
        if (attempt != generation) {
            if (ws != null) {
                ws.abort();
            }
            return;
        }
        if (error != null) {
            lost(attempt, "connect failed: " + rootMessage(error));
            return;
        }
        socket = ws;
        state = FeedStatus.State.CONNECTED;
        sends = CompletableFuture.completedFuture(ws);
        connectedNanos = System.nanoTime();
        lastDataNanos = connectedNanos;
        lastPingNanos = connectedNanos;
        List<String> subscriptions = protocol.subscriptions();
        for (int i = 0; i < subscriptions.size(); i++) {
            String message = subscriptions.get(i);
            scheduler.schedule(() -> send(attempt, message), settings.subscribeInterval().toMillis() * i, TimeUnit.MILLISECONDS);
        }
    }

    private void send(int attempt, String text) {
        if (attempt == generation && socket != null) {
            sends = sends.thenCompose(ws -> ws.sendText(text, true));
        }
    }

    private void onLost(int attempt, String reason) {
        scheduler.execute(() -> lost(attempt, reason));
    }

    /** Abandons the connection of this attempt (if still current) and schedules the next one. */
    private void lost(int attempt, String reason) {
        if (attempt != generation || reconnectPending || !isRunAllowed()) {
            return;
        }
        generation++;
        if (socket != null) {
            socket.abort();
            socket = null;
        }
        Instant last = lastDataAt;
        if (last != null) {
            pendingGap.compareAndSet(null, new Loss(last, reason));
        }
        Duration delay = backoff.delay(failedAttempts.getAndIncrement());
        reconnects.increment();
        state = FeedStatus.State.RECONNECTING;
        LOG.warn("Feed {}: {}; reconnecting in {} ms", settings.feed(), reason, delay.toMillis());
        reconnectPending = true;
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Once a second: the no-data watchdog, the connection age limit, and client pings. */
    private void watch() {
        if (socket == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDataNanos > settings.watchdog().toNanos()) {
            lost(generation, "no data for " + settings.watchdog().toSeconds() + " s");
        } else if (now - connectedNanos > settings.maxConnection().toNanos()) {
            lost(generation, "connection older than " + settings.maxConnection().toMinutes() + " min, renewed before the exchange cuts it");
        } else if (now - lastPingNanos > settings.ping().toNanos()) {
            lastPingNanos = now;
            String ping = protocol.clientPing();
            sends = ping == null ? sends.thenCompose(ws -> ws.sendPing(ByteBuffer.allocate(0))) : sends.thenCompose(ws -> ws.sendText(ping, true));
        }
    }

    private void onMessage(int attempt, String text) {
        if (attempt != generation) {
            return;
        }
        frames.increment();
        Instant receivedTs = Instant.now();
        List<EventRecord> records = normalize(text, receivedTs);
        if (records.isEmpty()) {
            return;
        }
        lastDataNanos = System.nanoTime();
        Loss loss = pendingGap.getAndSet(null);
        if (loss != null) {
            emit(MarketEvents.gap(settings.feed(), settings.exchange(), loss.from(), receivedTs, loss.reason(), failedAttempts.get()));
        }
        failedAttempts.set(0);
        lastDataAt = receivedTs;
        records.forEach(this::emit);
    }

    private List<EventRecord> normalize(String text, Instant receivedTs) {
        try {
            return deadLetters.normalize(normalizer, text, receivedTs);
        } catch (ReconnectRequested e) {
            onLost(generation, e.getMessage());
            return List.of();
        }
    }

    private void emit(EventRecord record) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(record.json());
        exchange.getMessage().setHeader(TYPE_HEADER, record.type());
        exchange.getMessage().setHeader(KEY_HEADER, record.key());
        exchange.setProperty(FEED_PROPERTY, settings.feed());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Feed " + settings.feed() + " could not publish a " + record.type(), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
