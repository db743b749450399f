package io.tickflow.bench;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.tickflow.event.EventTime;
import io.tickflow.webhook.WebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;

/**
 * The raw limit of the webhook fan-out: the same POSTs Tickflow sends (as many events per
 * request, in the same body shape, signed per request) from a bare Vert.x client, paced as the
 * events would arrive, with nothing between the events and the client: no Kafka, no queue.
 */
final class RawWebhookClient {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private RawWebhookClient() {
    }

    /**
     * Sends {@code events} ticks at {@code rate} to each of {@code targets} paths, {@code perRequest}
     * a request, each request sent when its last event is due; returns the seconds until the last answer.
     */
    static double send(int port, int targets, long events, int rate, int perRequest, boolean batched) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setMaxPoolSize(targets * 4));
        WebhookSigner signer = new WebhookSigner();
        long requestsPerTarget = (events + perRequest - 1) / perRequest;
        CountDownLatch answered = new CountDownLatch((int) (requestsPerTarget * targets));
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        Instant origin = Instant.now();
        for (long r = 0; r < requestsPerTarget; r++) {
            long first = r * perRequest;
            long last = Math.min(events, first + perRequest) - 1;
            long due = started + last * 1_000_000_000L / rate;
            LockSupport.parkNanos(due - System.nanoTime());
            StringBuilder data = new StringBuilder();
            for (long i = first; i <= last; i++) {
                String time = EventTime.format(origin.plusNanos(i * 1_000_000_000L / rate));
                data.append(i == first ? "" : ",").append("{\"type\":\"tick\",\"timestamp\":\"").append(time)
                        .append("\",\"data\":{\"name\":\"bench\",\"value\":").append(i).append(",\"time\":\"").append(time).append("\"}}");
            }
            String body = batched ? "{\"type\":\"batch\",\"timestamp\":\"" + EventTime.format(origin) + "\",\"data\":[" + data + "]}"
                    : data.toString();
            for (int t = 0; t < targets; t++) {
                String id = "msg_raw" + t + "_" + r;
                long timestamp = Instant.now().getEpochSecond();
                String signature = signer.sign(SECRET, id, timestamp, body);
                client.request(HttpMethod.POST, "/raw" + t).compose(request -> request.putHeader("content-type", "application/json")
                        .putHeader("webhook-id", id).putHeader("webhook-timestamp", String.valueOf(timestamp))
                        .putHeader("webhook-signature", signature).send(Buffer.buffer(body)))
                        .onComplete(response -> {
                            if (response.failed() || response.result().statusCode() != 204) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, response.failed() ? response.cause().toString()
                                        : "HTTP " + response.result().statusCode());
                            }
                            answered.countDown();
                        });
            }
        }
        boolean all = answered.await(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!all || failures.get() > 0) {
            System.out.printf("raw client: %d requests failed (first: %s), all answered: %b%n", failures.get(), firstFailure.get(), all);
        }
        vertx.close();
        return seconds;
    }
}
