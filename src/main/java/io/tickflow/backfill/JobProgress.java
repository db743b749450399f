package io.tickflow.backfill;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A running job's counters, in memory: what GET /api/backfills/{id} adds to the stored row (rate, ETA). */
public final class JobProgress {

    private final long startedNanos = System.nanoTime();
    private final int pagesDoneBefore;
    private final AtomicInteger pagesTotal = new AtomicInteger();
    private final AtomicInteger pagesDone = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile boolean cancelled;

    public JobProgress(BackfillJob job) {
        this.pagesDoneBefore = job.pagesDone();
        pagesDone.set(job.pagesDone());
        rows.set(job.rows());
        errors.set(job.errors());
    }

    void planned(int pages) {
        pagesTotal.set(pagesDoneBefore + pages);
    }

    void page(int published, boolean failed) {
        pagesDone.incrementAndGet();
        rows.addAndGet(published);
        if (failed) {
            errors.incrementAndGet();
        }
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    public int pagesTotal() {
        return pagesTotal.get();
    }

    public int pagesDone() {
        return pagesDone.get();
    }

    public long rows() {
        return rows.get();
    }

    public int errors() {
        return errors.get();
    }

    /** Pages per second in this run. */
    public double pagesPerSecond() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        int done = pagesDone.get() - pagesDoneBefore;
        return seconds <= 0 || done <= 0 ? 0 : done / seconds;
    }

    /** Seconds left at this run's rate, or -1 while there is no rate yet. */
    public long etaSeconds() {
        double rate = pagesPerSecond();
        return rate <= 0 ? -1 : Math.round(Math.max(0, pagesTotal() - pagesDone()) / rate);
    }
}
