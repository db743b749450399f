package io.tickflow.backfill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.tickflow.feed.Backoff;

/**
 * Fetches one page within its exchange's rate limit. Transient failures are retried with backoff
 * up to {@code maxAttempts}: 5xx, timeouts, connection errors, and 429/418 (rate limited or
 * banned), for which the whole exchange waits the answer's Retry-After (seconds) first. Any other
 * status, or an answer not of the documented shape, fails the page at once: asking again would
 * get the same. An answer whose body says to come back later ({@link RetryableAnswer}) is retried too.
 */
public final class PageFetcher {

    private final HttpClient http;
    private final Duration timeout;
    private final int maxAttempts;
    private final Backoff backoff;

    public PageFetcher(Duration timeout, int maxAttempts, Duration backoffInitial, Duration backoffMax) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.backoff = new Backoff(backoffInitial, backoffMax, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The parsed answer to one request costing weight in the exchange's limit. parse reads a 200's
     * body: an IllegalArgumentException fails the page, a {@link RetryableAnswer} asks again.
     */
    public <T> T fetch(RateLimiter limiter, int weight, URI uri, Function<String, T> parse)
            throws PageFailure, InterruptedException {
        String reason = "not tried";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            RateLimiter.Permit permit = limiter.acquire(weight);
            HttpResponse<String> answer = null;
            try {
                answer = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                reason = "no answer within " + timeout.toMillis() + " ms";
            } catch (IOException e) {
                reason = "connection failed: " + e.getClass().getSimpleName();
            } finally {
                limiter.done(permit);
            }
            if (answer == null) {
                pauseBeforeRetry(attempt);
                continue;
            }
            int status = answer.statusCode();
            if (status == 200) {
                try {
                    return parse.apply(answer.body());
                } catch (RetryableAnswer e) {
                    reason = e.getMessage();
                    pauseBeforeRetry(attempt);
                    continue;
                } catch (IllegalArgumentException e) {
                    throw new PageFailure("unreadable answer: " + e.getMessage(), attempt);
                }
            }
            reason = "HTTP " + status;
            if (status == 429 || status == 418) {
                limiter.pause(retryAfter(answer).orElse(backoff.delay(attempt)));
            } else if (status >= 500) {
                pauseBeforeRetry(attempt);
            } else {
                throw new PageFailure(reason, attempt);
            }
        }
        throw new PageFailure(reason, maxAttempts);
    }

    private void pauseBeforeRetry(int attempt) throws InterruptedException {
        if (attempt < maxAttempts) {
            Thread.sleep(backoff.delay(attempt).toMillis());
        }
    }

    /** Retry-After in seconds (at most an hour); an HTTP date or garbage counts as none. */
    private static Optional<Duration> retryAfter(HttpResponse<String> answer) {
        return answer.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.min(3600, Math.max(0, Long.parseLong(value.trim())))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
