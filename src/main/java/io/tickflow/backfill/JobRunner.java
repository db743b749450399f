package io.tickflow.backfill;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backfill jobs on a few threads of its own (tickflow.backfill.threads; more jobs wait in
 * turn, state queued), renewing their heartbeat in the jobs table. A stop interrupts the running
 * jobs and leaves them queued or running, released; {@link #resumeOrphaned()} (at start, and
 * periodically) takes over the jobs nobody renews and runs them on from their checkpoints. A job
 * that fails outside any page (a database down) is state failed and can be started again by
 * posting it again.
 */
public class JobRunner implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private CamelContext camelContext;
    private final Map<String, JobProgress> running = new ConcurrentHashMap<>();
    private JobStore jobStore;
    private CheckpointStore checkpointStore;
    private ErrorStore errorStore;
    private BackfillVenues venues;
    private SymbolResolver symbolResolver;
    private CandlePublisher publisher;
    private TradePublisher tradePublisher;
    private int threads = 2;
    private long timeoutMs = 10000;
    private int maxAttempts = 5;
    private long backoffInitialMs = 500;
    private long backoffMaxMs = 30000;
    private long heartbeatMs = 10000;
    private ExecutorService executor;
    private PageFetcher fetcher;

    public void start() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "backfill-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fetcher = new PageFetcher(Duration.ofMillis(timeoutMs), maxAttempts, Duration.ofMillis(backoffInitialMs),
                Duration.ofMillis(backoffMaxMs));
    }

    /** Interrupts the jobs and lets them go, so the next instance to look (this one restarted) takes them over at once. */
    public void stop() throws InterruptedException {
        List<String> ids = List.copyOf(running.keySet());
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        try {
            jobStore.heartbeat(ids, false);
        } catch (SQLException e) {
            LOG.warn("Could not release backfills {}: they are taken over once their heartbeat is {} ms old", ids, lease().toMillis());
        }
    }

    /** A job whose heartbeat is this old has no instance running it. */
    private Duration lease() {
        return Duration.ofMillis(3 * heartbeatMs);
    }

    public void submit(BackfillJob job) {
        JobProgress progress = new JobProgress(job);
        running.put(job.id(), progress);
        executor.execute(() -> run(job, progress));
    }

    /**
     * Takes over the queued or running jobs no instance renews the heartbeat of (the previous run of
     * this one, or a stopped or dead other instance) and runs them on from their checkpoints.
     * Called at start and every tickflow.backfill.heartbeat-ms.
     */
    public void resumeOrphaned() throws SQLException {
        for (BackfillJob job : jobStore.orphaned(lease())) {
            if (!running.containsKey(job.id()) && jobStore.claim(job.id(), lease())) {
                LOG.info("Resuming backfill {} ({} {} {})", job.id(), job.exchange(), job.symbols(), job.interval());
                submit(job);
            }
        }
    }

    /** Renews the heartbeat of the jobs queued or running here. */
    public void heartbeat() throws SQLException {
        jobStore.heartbeat(List.copyOf(running.keySet()), true);
    }

    /** Cancels a queued or running job; false if it had finished. */
    public boolean cancel(String id) throws SQLException {
        JobProgress progress = running.get(id);
        if (progress != null) {
            progress.cancel();
        }
        return jobStore.state(id, BackfillJob.CANCELLED);
    }

    /** The counters of a job running in this instance. */
    public Optional<JobProgress> progress(String id) {
        return Optional.ofNullable(running.get(id));
    }

    private void run(BackfillJob job, JobProgress progress) {
        try {
            if (!jobStore.state(job.id(), BackfillJob.RUNNING)) {
                return;
            }
            BackfillVenue venue = venues.find(job.exchange())
                    .orElseThrow(() -> new IllegalStateException("no backfill venue " + job.exchange()));
            new JobExecution(job, progress, pages(job, venue), new JobExecution.Stores(jobStore, checkpointStore, errorStore),
                    symbolResolver, Clock.systemUTC()).run();
            if (!progress.cancelled()) {
                jobStore.state(job.id(), BackfillJob.DONE);
                LOG.info("Backfill {} done: {} pages, {} {}, {} failed pages", job.id(), progress.pagesDone(),
                        progress.rows(), job.interval().equals(TradeSource.TRADES) ? "trades" : "candles", progress.errors());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (stopping()) {
                LOG.info("Backfill {} stopped with Tickflow; it resumes at the next start", job.id());
            } else {
                LOG.error("Backfill {} failed", job.id(), e);
                failed(job);
            }
        } finally {
            running.remove(job.id());
        }
    }

    /** What the job fetches: trades for the interval "trades", else candles of its interval. */
    private Pages pages(BackfillJob job, BackfillVenue venue) {
        if (job.interval().equals(TradeSource.TRADES)) {
            TradeSource trades = venue.trades()
                    .orElseThrow(() -> new IllegalStateException("no trade backfill on " + job.exchange()));
            return new TradePages(trades, venue.limiter(), fetcher, tradePublisher, Clock.systemUTC());
        }
        return new CandlePages(venue, job.interval(), fetcher, publisher, Clock.systemUTC());
    }

    /** Tickflow is stopping: the routes a job publishes through may be gone, which is no failure of the job. */
    private boolean stopping() {
        return executor.isShutdown() || Thread.currentThread().isInterrupted() || !camelContext.isStarted();
    }

    private void failed(BackfillJob job) {
        try {
            jobStore.state(job.id(), BackfillJob.FAILED);
        } catch (SQLException e) {
            LOG.error("Backfill {} could not be marked failed", job.id(), e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setJobStore(JobStore jobStore) {
        this.jobStore = jobStore;
    }

    public void setCheckpointStore(CheckpointStore checkpointStore) {
        this.checkpointStore = checkpointStore;
    }

    public void setErrorStore(ErrorStore errorStore) {
        this.errorStore = errorStore;
    }

    public void setVenues(BackfillVenues venues) {
        this.venues = venues;
    }

    public void setSymbolResolver(SymbolResolver symbolResolver) {
        this.symbolResolver = symbolResolver;
    }

    public void setPublisher(CandlePublisher publisher) {
        this.publisher = publisher;
    }

    public void setTradePublisher(TradePublisher tradePublisher) {
        this.tradePublisher = tradePublisher;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public void setBackoffInitialMs(long backoffInitialMs) {
        this.backoffInitialMs = backoffInitialMs;
    }

    public void setBackoffMaxMs(long backoffMaxMs) {
        this.backoffMaxMs = backoffMaxMs;
    }

    public void setHeartbeatMs(long heartbeatMs) {
        this.heartbeatMs = heartbeatMs;
    }
}
