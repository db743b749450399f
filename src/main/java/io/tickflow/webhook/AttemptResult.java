package io.tickflow.webhook;

import java.time.Duration;

/** How one HTTP attempt went: the status code (0 when there was no response) or the error. */
public record AttemptResult(int statusCode, long latencyMs, String error, Duration retryAfter) {

    public boolean succeeded() {
        return RetryPolicy.isSuccess(statusCode);
    }

    /** Timeouts, connection errors, 5xx and 429 are worth another try; other answers are final. */
    public boolean retryable() {
        return statusCode == 0 || RetryPolicy.isRetryable(statusCode);
    }
}
