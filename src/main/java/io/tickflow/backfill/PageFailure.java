package io.tickflow.backfill;

/** A page the exchange would not give: why, after how many attempts. */
public final class PageFailure extends Exception {

    private final int attempts;

    public PageFailure(String reason, int attempts) {
        super(reason);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
