package io.tickflow.backfill;

/** An answer saying "later" in its body rather than its status (Kraken's rate limit errors come with HTTP 200). */
public final class RetryableAnswer extends RuntimeException {

    public RetryableAnswer(String reason) {
        super(reason, null, false, false);
    }
}
