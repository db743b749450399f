package io.tickflow.webhook;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

/**
 * Sends one signed attempt with a non-blocking Vert.x WebClient (one event loop, a pool of
 * kept-alive connections per receiver host), so a slow receiver holds only its own requests.
 * Every attempt is checked against the SSRF policy first. Redirects are not followed; the
 * response body is discarded; the whole attempt is bounded by twice the timeout.
 */
public class WebhookSender implements AutoCloseable {

    private static final int MAX_ERROR_LENGTH = 500;

    private WebhookSigner signer;
    private TargetAddressPolicy targetAddressPolicy;
    private Duration timeout = Duration.ofSeconds(15);
    private int poolPerHost = 50;
    private Vertx vertx;
    private WebClient client;

    public synchronized void start() {
        // one event loop carries tens of thousands of requests a second; the pumping threads of
        // the dispatcher do the blocking part (the address check) and the signing
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(true)
                .setMaxPoolSize(poolPerHost).setConnectTimeout((int) timeout.toMillis()).setUserAgent("Tickflow-Webhooks/1")
                .setTryUseCompression(false));
    }

    /** The attempt's result; never completes exceptionally. */
    public CompletableFuture<AttemptResult> send(Delivery delivery) {
        long started = System.nanoTime();
        URI url = URI.create(delivery.url());
        String refusal = targetAddressPolicy.refusal(url);
        if (refusal != null) {
            return CompletableFuture.completedFuture(new AttemptResult(0, 0, "refused: " + refusal, null));
        }
        long timestamp = Instant.now().getEpochSecond();
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        client.postAbs(delivery.url()).timeout(timeout.toMillis()).as(BodyCodec.none())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", delivery.messageId())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", signer.sign(delivery.secret(), delivery.messageId(), timestamp, delivery.body().bytes()))
                .sendBuffer(delivery.body().buffer())
                .onComplete(answer -> {
                    long latency = (System.nanoTime() - started) / 1_000_000;
                    result.complete(answer.succeeded() ? outcome(answer.result(), latency)
                            : new AttemptResult(0, latency, describe(answer.cause()), null));
                });
        return result.completeOnTimeout(new AttemptResult(0, timeout.toMillis() * 2, "timeout", null), timeout.toMillis() * 2,
                TimeUnit.MILLISECONDS);
    }

    private static AttemptResult outcome(HttpResponse<Void> response, long latency) {
        int status = response.statusCode();
        Duration retryAfter = RetryPolicy.retryAfter(response.getHeader("retry-after"), Instant.now());
        String error = RetryPolicy.isSuccess(status) ? null
                : status >= 300 && status < 400 ? "HTTP " + status + " redirect (not followed)" : "HTTP " + status;
        return new AttemptResult(status, latency, error, retryAfter);
    }

    private static String describe(Throwable failure) {
        String kind = failure instanceof TimeoutException || failure instanceof ConnectTimeoutException
                || failure.getClass().getSimpleName().contains("Timeout") ? "timeout"
                : failure instanceof ConnectException ? "connection refused" : failure.getClass().getSimpleName();
        String text = failure.getMessage() == null ? kind : kind + ": " + failure.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            client.close();
            vertx.close();
            vertx = null;
        }
    }

    public void setSigner(WebhookSigner signer) {
        this.signer = signer;
    }

    public void setTargetAddressPolicy(TargetAddressPolicy targetAddressPolicy) {
        this.targetAddressPolicy = targetAddressPolicy;
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeout = Duration.ofMillis(timeoutMs);
    }

    public void setPoolPerHost(int poolPerHost) {
        this.poolPerHost = poolPerHost;
    }
}
