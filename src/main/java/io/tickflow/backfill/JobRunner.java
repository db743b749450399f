package io.tickflow.backfill;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
 * turn, state queued). A stop interrupts the running jobs and leaves them queued or running in
 * the jobs table; {@link #resumeUnfinished()} at the next start runs them on from their
 * checkpoints. A job that fails outside any page (a database down) is state failed and can be
 * started again by posting it again.
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
    private int threads = 2;
    private long timeoutMs = 10000;
    private int maxAttempts = 5;
    private long backoffInitialMs = 500;
    private long backoffMaxMs = 30000;
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

    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    public void submit(BackfillJob job) {
        JobProgress progress = new JobProgress(job);
        running.put(job.id(), progress);
        executor.execute(() -> run(job, progress));
    }

    /** The jobs a stop left unfinished, run again (called once the routes run). */
    public void resumeUnfinished() throws SQLException {
        for (BackfillJob job : jobStore.unfinished()) {
            if (!running.containsKey(job.id())) {
                LOG.info("Resuming backfill {} ({} {} {})", job.id(), job.exchange(), job.symbols(), job.interval());
                submit(job);
            }
        }
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
            new JobExecution(job, progress, venue, new JobExecution.Stores(jobStore, checkpointStore, errorStore), fetcher,
                    publisher, symbolResolver, Clock.systemUTC()).run();
            if (!progress.cancelled()) {
                jobStore.state(job.id(), BackfillJob.DONE);
                LOG.info("Backfill {} done: {} pages, {} candles, {} failed pages", job.id(), progress.pagesDone(),
                        progress.rows(), progress.errors());
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
}
