package io.tickflow.backfill;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tickflow.backfill.CheckpointStore.Checkpoint;
import io.tickflow.backfill.ErrorStore.FailedPage;
import io.tickflow.instrument.InstrumentSpec;

/**
 * One run of a job, symbol after symbol: first the pages that failed before in its range (from
 * the errors table), then the pages after the symbol's checkpoint. Every page is fetched,
 * published, and only then checkpointed, so a stop at any point loses nothing and a rerun
 * publishes at most the one page again (harmless: the tables' keys). A page that fails for
 * good goes to the errors table and the job goes on. A page whose span has not ended yet is
 * published but not checkpointed: what the exchange adds to it later is fetched by the next
 * backfill of the range.
 */
final class JobExecution {

    private final BackfillJob job;
    private final JobProgress progress;
    private final Pages pages;
    private final Stores stores;
    private final SymbolResolver symbols;
    private final Clock clock;

    /** The tables a run writes. */
    record Stores(JobStore jobs, CheckpointStore checkpoints, ErrorStore errors) {
    }

    private record Plan(InstrumentSpec spec, List<FailedPage> retries, Checkpoint checkpoint, Instant start) {
    }

    JobExecution(BackfillJob job, JobProgress progress, Pages pages, Stores stores, SymbolResolver symbols, Clock clock) {
        this.job = job;
        this.progress = progress;
        this.pages = pages;
        this.stores = stores;
        this.symbols = symbols;
        this.clock = clock;
    }

    /** Runs to the end or until cancelled; an InterruptedException (Tickflow stopping) leaves the job to resume. */
    void run() throws SQLException, InterruptedException {
        List<Plan> plans = new ArrayList<>();
        int total = 0;
        for (String symbol : job.symbols()) {
            InstrumentSpec spec = symbols.resolve(job.exchange(), symbol)
                    .orElseThrow(() -> new IllegalStateException("symbol " + symbol + " is no longer known"));
            List<FailedPage> retries = stores.errors().within(job.exchange(), symbol, job.interval(), job.from(), job.to());
            Checkpoint checkpoint = stores.checkpoints().find(job.exchange(), symbol, job.interval())
                    .filter(c -> c.covers(job.from())).orElse(new Checkpoint(job.from(), job.from()));
            Instant start = checkpoint.next().isAfter(job.from()) ? checkpoint.next() : job.from();
            plans.add(new Plan(spec, retries, checkpoint, start));
            total += retries.size() + pagesBetween(start, job.to());
        }
        progress.planned(total);
        saveProgress();
        for (Plan plan : plans) {
            for (FailedPage page : plan.retries()) {
                if (progress.cancelled()) {
                    return;
                }
                if (page(plan.spec(), page.from(), page.to())) {
                    stores.errors().resolved(job.exchange(), plan.spec().symbol(), job.interval(), page.from());
                }
            }
            Instant cursor = plan.start();
            while (cursor.isBefore(job.to())) {
                if (progress.cancelled()) {
                    return;
                }
                Instant end = min(cursor.plus(pages.span()), job.to());
                page(plan.spec(), cursor, end);
                // a page not yet ended (trades still to come, a candle still open) is fetched again by the next backfill
                if (!end.isAfter(clock.instant())) {
                    stores.checkpoints().save(job.exchange(), plan.spec().symbol(), job.interval(),
                            new Checkpoint(plan.checkpoint().from(), end));
                }
                cursor = end;
            }
        }
    }

    /** Fetches and publishes one page, or records its failure; true if published. */
    private boolean page(InstrumentSpec spec, Instant from, Instant to) throws SQLException, InterruptedException {
        boolean published;
        int rows = 0;
        try {
            rows = pages.fetchAndPublish(spec, from, to);
            published = true;
        } catch (PageFailure failure) {
            stores.errors().record(job.id(), job.exchange(), spec.symbol(), job.interval(), new FailedPage(from, to),
                    failure.getMessage(), failure.attempts());
            published = false;
        }
        progress.page(rows, !published);
        saveProgress();
        return published;
    }

    private void saveProgress() throws SQLException {
        stores.jobs().progress(job.id(), progress.pagesTotal(), progress.pagesDone(), progress.rows(), progress.errors());
    }

    private int pagesBetween(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return 0;
        }
        long span = pages.span().toMillis();
        return (int) ((Duration.between(from, to).toMillis() + span - 1) / span);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
