package io.tickflow.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery log, written in batches: the attempts finished while the previous batch was being
 * written are logged, and their messages moved on (delivered, due again, or parked as failed),
 * in one transaction of a few statements, so the log costs one commit per batch rather than three
 * statements and a commit per attempt (what limited delivery to a few hundred a second). An
 * attempt whose message's claim no longer holds (replayed while in flight, or claimed again after
 * its lease) is only logged. Each subscription's failing streak starts or ends as the attempts
 * come, in order; a streak longer than {@code disableAfter} disables it. It also frees messages
 * leased for sending from memory that will not be sent from there (their subscription is no
 * longer active, or Tickflow is stopping): they become due in PostgreSQL again. Outcomes are
 * counted in /metrics; a batch that cannot be written counts its attempts as {@code unrecorded}
 * (their leases bring the messages back).
 */
public class AttemptLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptLog.class);
    private static final int MAX_BATCH = 5000;

    /** An attempt's outcome to log; {@code retryIn} null when none is left or it is final. */
    public record Finished(Delivery delivery, AttemptResult result, Duration retryIn, Instant at) {
        String outcome() {
            return result.succeeded() ? "delivered" : retryIn != null ? "retrying" : "failed";
        }
    }

    private record Release(Delivery delivery) {
    }

    private DataSource dataSource;
    private String messagesTable;
    private String attemptsTable;
    private String subscriptionsTable;
    private Duration disableAfter = Duration.ofDays(5);
    private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private Thread writer;
    private volatile boolean running;

    public synchronized void start() {
        running = true;
        writer = new Thread(this::writeWhileRunning, "webhook-attempt-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Every outcome up front, so /metrics shows zeros before the first attempt. */
    void registerCounters(MeterRegistry registry) {
        for (String outcome : List.of("delivered", "retrying", "failed", "unrecorded")) {
            counters.computeIfAbsent(outcome, o -> Counter.builder("tickflow.webhook.attempts")
                    .description("Webhook delivery attempts by outcome").tag("outcome", o).register(registry));
        }
    }

    public void add(Finished finished) {
        pending.add(finished);
    }

    /** Makes a message leased for sending from memory due again now, unless something else has claimed it since. */
    public void release(Delivery delivery) {
        pending.add(new Release(delivery));
    }

    private void writeWhileRunning() {
        List<Object> batch = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Object first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Object> batch) {
        List<Finished> finished = new ArrayList<>();
        List<Delivery> released = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof Finished f) {
                finished.add(f);
            } else {
                released.add(((Release) item).delivery());
            }
        }
        boolean anyFailed = finished.stream().anyMatch(f -> !f.result().succeeded());
        try (Connection c = dataSource.getConnection()) {
            if (anyFailed) {
                c.setAutoCommit(false);
            }
            writeAtOnce(c, finished, released, !anyFailed);
            if (anyFailed) {
                updateStreaks(c, finished);
                c.commit();
            }
            finished.forEach(f -> count(f.outcome()));
        } catch (SQLException | RuntimeException e) {
            // the leases bring the messages back, so these attempts are repeated rather than lost
            LOG.warn("Could not record {} webhook attempts: {}", finished.size(), e.getMessage());
            finished.forEach(f -> count("unrecorded"));
        }
    }

    /**
     * One statement: the attempts logged, their messages moved on, the released messages due
     * again and, when every attempt succeeded, their subscriptions' failing streaks ended: one
     * round trip to PostgreSQL for the whole batch, as what API callers see waits for it.
     */
    private void writeAtOnce(Connection c, List<Finished> finished, List<Delivery> released, boolean clearStreaks) throws SQLException {
        List<String> parts = new ArrayList<>();
        List<Object[]> arrays = new ArrayList<>();
        if (!finished.isEmpty()) {
            parts.add(logAttempts(finished, arrays));
            parts.add(moveMessagesOn(finished, arrays));
        }
        if (!released.isEmpty()) {
            parts.add("freed AS (UPDATE " + messagesTable + " m SET next_attempt_at = now()"
                    + " FROM unnest(?::text[], ?::text[]) AS u(id, leased)"
                    + " WHERE m.id = u.id AND m.next_attempt_at = u.leased::timestamptz AND m.status = 'pending')");
            arrays.add(released.stream().map(Delivery::messageId).toArray());
            arrays.add(released.stream().map(d -> d.leasedUntil().toString()).toArray());
        }
        if (clearStreaks && !finished.isEmpty()) {
            parts.add("cleared AS (UPDATE " + subscriptionsTable + " SET failing_since = NULL"
                    + " WHERE id = ANY (?::text[]) AND failing_since IS NOT NULL)");
            arrays.add(finished.stream().map(f -> f.delivery().subscriptionId()).distinct().toArray());
        }
        try (PreparedStatement s = c.prepareStatement("WITH " + String.join(", ", parts) + " SELECT 1")) {
            for (int i = 0; i < arrays.size(); i++) {
                s.setArray(i + 1, c.createArrayOf("text", arrays.get(i)));
            }
            s.execute();
        }
    }

    private String logAttempts(List<Finished> finished, List<Object[]> arrays) {
        String[][] columns = new String[8][finished.size()];
        for (int i = 0; i < finished.size(); i++) {
            Finished f = finished.get(i);
            columns[0][i] = f.delivery().messageId();
            columns[1][i] = f.delivery().subscriptionId();
            columns[2][i] = String.valueOf(f.delivery().attemptsMade() + 1);
            columns[3][i] = f.at().toString();
            columns[4][i] = f.result().statusCode() == 0 ? null : String.valueOf(f.result().statusCode());
            columns[5][i] = String.valueOf(f.result().latencyMs());
            columns[6][i] = f.result().error();
            columns[7][i] = f.outcome();
        }
        arrays.addAll(List.of(columns));
        // a message deleted meanwhile (with its subscription) takes its attempts with it
        return "logged AS (INSERT INTO " + attemptsTable
                + " (message_id, subscription_id, attempt, attempted_at, status_code, latency_ms, error, outcome)"
                + " SELECT u.message_id, u.subscription_id, u.attempt::int, u.attempted_at::timestamptz, u.status_code::int,"
                + "   u.latency_ms::int, u.error, u.outcome"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY"
                + "   AS u(message_id, subscription_id, attempt, attempted_at, status_code, latency_ms, error, outcome, n)"
                + " WHERE EXISTS (SELECT 1 FROM " + messagesTable + " m WHERE m.id = u.message_id) ORDER BY u.n)";
    }

    private String moveMessagesOn(List<Finished> finished, List<Object[]> arrays) {
        String[][] columns = new String[4][finished.size()];
        for (int i = 0; i < finished.size(); i++) {
            Finished f = finished.get(i);
            columns[0][i] = f.delivery().messageId();
            columns[1][i] = f.outcome().equals("retrying") ? "pending" : f.outcome();
            columns[2][i] = f.retryIn() == null ? null : String.valueOf(f.retryIn().toMillis());
            columns[3][i] = f.delivery().leasedUntil().toString();
        }
        arrays.addAll(List.of(columns));
        return "moved AS (UPDATE " + messagesTable + " m SET attempts = m.attempts + 1, status = u.status,"
                + " next_attempt_at = now() + u.delay::bigint * interval '1 millisecond'"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, status, delay, leased)"
                + " WHERE m.id = u.id AND m.next_attempt_at = u.leased::timestamptz)";
    }

    /**
     * In the attempts' order: successes end their subscription's failing streak (collected, one
     * statement for a run of them: successes commute), a failure starts one or, when it has
     * lasted longer than disableAfter, disables the subscription with the error as its reason.
     */
    private void updateStreaks(Connection c, List<Finished> finished) throws SQLException {
        Set<String> succeeded = new LinkedHashSet<>();
        try (PreparedStatement clear = c.prepareStatement("UPDATE " + subscriptionsTable
                + " SET failing_since = NULL WHERE id = ANY (?) AND failing_since IS NOT NULL");
                PreparedStatement fail = c.prepareStatement("UPDATE " + subscriptionsTable
                        + " SET failing_since = COALESCE(failing_since, now()),"
                        + " status = CASE WHEN failing_since < now() - ? * interval '1 millisecond' AND status = 'active'"
                        + "   THEN 'disabled' ELSE status END,"
                        + " disabled_reason = CASE WHEN failing_since < now() - ? * interval '1 millisecond' AND status = 'active'"
                        + "   THEN 'failing since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                        + "     || '; last error: ' || ? ELSE disabled_reason END"
                        + " WHERE id = ?")) {
            for (Finished f : finished) {
                if (f.result().succeeded()) {
                    succeeded.add(f.delivery().subscriptionId());
                    continue;
                }
                clear(c, clear, succeeded);
                fail.setLong(1, disableAfter.toMillis());
                fail.setLong(2, disableAfter.toMillis());
                fail.setString(3, f.result().error() != null ? f.result().error() : "HTTP " + f.result().statusCode());
                fail.setString(4, f.delivery().subscriptionId());
                fail.executeUpdate();
            }
            clear(c, clear, succeeded);
        }
    }

    private static void clear(Connection c, PreparedStatement clear, Set<String> succeeded) throws SQLException {
        if (!succeeded.isEmpty()) {
            clear.setArray(1, c.createArrayOf("text", succeeded.toArray()));
            clear.executeUpdate();
            succeeded.clear();
        }
    }

    private void count(String outcome) {
        Counter counter = counters.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Writes what is pending, then stops. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (writer != null) {
            running = false;
            writer.join();
            writer = null;
        }
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setMessagesTable(String messagesTable) {
        this.messagesTable = messagesTable;
    }

    public void setAttemptsTable(String attemptsTable) {
        this.attemptsTable = attemptsTable;
    }

    public void setSubscriptionsTable(String subscriptionsTable) {
        this.subscriptionsTable = subscriptionsTable;
    }

    public void setDisableAfter(String disableAfter) {
        this.disableAfter = RetryPolicy.parseDuration(disableAfter);
    }
}
