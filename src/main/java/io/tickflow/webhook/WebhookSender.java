package io.tickflow.webhook;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed attempt without blocking a thread while the receiver answers, so a slow
 * receiver holds only its own requests. Redirects are not followed; the response body is
 * discarded; the whole attempt is bounded by the timeout.
 */
public class WebhookSender implements AutoCloseable {

    private static final int MAX_ERROR_LENGTH = 500;

    private WebhookSigner signer;
    private TargetAddressPolicy targetAddressPolicy;
    private Duration timeout = Duration.ofSeconds(15);
    private int threads = 4;
    private ExecutorService executor;
    private HttpClient client;

    public synchronized void start() {
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
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
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Tickflow-Webhooks/1")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", signer.sign(delivery.secret(), delivery.messageId(), timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long latency = (System.nanoTime() - started) / 1_000_000;
                    if (failure != null) {
                        return new AttemptResult(0, latency, describe(failure), null);
                    }
                    int status = response.statusCode();
                    Duration retryAfter = RetryPolicy.retryAfter(response.headers().firstValue("retry-after").orElse(null), Instant.now());
                    String error = RetryPolicy.isSuccess(status) ? null
                            : status >= 300 && status < 400 ? "HTTP " + status + " redirect (not followed)" : "HTTP " + status;
                    return new AttemptResult(status, latency, error, retryAfter);
                });
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String kind = cause instanceof HttpTimeoutException || cause instanceof TimeoutException ? "timeout"
                : cause instanceof ConnectException ? "connection refused" : cause.getClass().getSimpleName();
        String text = cause.getMessage() == null ? kind : kind + ": " + cause.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
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

    public void setThreads(int threads) {
        this.threads = threads;
    }
}
