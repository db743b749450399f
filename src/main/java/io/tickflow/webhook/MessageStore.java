package io.tickflow.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.tickflow.event.EventTime;

/**
 * Webhook messages and their attempts in PostgreSQL. A message is pending until it is delivered
 * or failed (parked); its next_attempt_at is the retry schedule, so retries survive restarts.
 * Claiming pushes next_attempt_at out by a lease: a message whose attempt was cut short by a
 * crash is claimed again once the lease ends (at-least-once).
 */
public class MessageStore {

    /**
     * A message to queue: for which subscription, its type (`batch` for several events), the time
     * of its first and last event, how many events, and the exact body.
     */
    public record NewMessage(String id, String subscriptionId, String eventType, Instant eventTime, Instant lastEventTime,
            int eventCount, String body) {

        /** A message of one event. */
        public NewMessage(String id, String subscriptionId, String eventType, Instant eventTime, String body) {
            this(id, subscriptionId, eventType, eventTime, eventTime, 1, body);
        }
    }

    private DataSource dataSource;
    private String messagesTable;
    private String attemptsTable;
    private String subscriptionsTable;

    public static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The id of the message for one Kafka record (a batch's first) and one subscription: the same
     * on every read of the record, so receivers see one webhook-id (a replayed Kafka batch is
     * not queued again at all: see {@link QueuedOffsets}).
     */
    public static String messageIdFor(String subscriptionId, String topic, Object partition, Object offset) {
        String source = subscriptionId + "/" + topic + "/" + partition + "/" + offset;
        return "msg_" + UUID.nameUUIDFromBytes(source.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    /** Queues the messages in one transaction, due now; returns their ids. */
    public List<String> enqueue(Collection<NewMessage> messages) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> ids = insert(c, messages);
            c.commit();
            return ids;
        }
    }

    /** Queues the messages, due now, in the caller's transaction; returns their ids. */
    public List<String> insert(Connection c, Collection<NewMessage> messages) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (messages.isEmpty()) {
            return ids;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + messagesTable
                + " (id, subscription_id, event_type, event_time, last_event_time, event_count, body, status, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', now(), now()) ON CONFLICT (id) DO NOTHING")) {
            for (NewMessage message : messages) {
                s.setString(1, message.id());
                s.setString(2, message.subscriptionId());
                s.setString(3, message.eventType());
                s.setTimestamp(4, Timestamp.from(message.eventTime()));
                s.setTimestamp(5, Timestamp.from(message.lastEventTime()));
                s.setInt(6, message.eventCount());
                s.setString(7, message.body());
                s.addBatch();
                ids.add(message.id());
            }
            s.executeBatch();
        }
        return ids;
    }

    /**
     * Claims due messages of active subscriptions: at most {@code perSubscription} each, none of
     * the busy ones, {@code limit} in all.
     */
    public List<Delivery> claimDue(int limit, int perSubscription, Collection<String> busy, Duration lease) throws SQLException {
        String sql = "UPDATE " + messagesTable + " m SET next_attempt_at = now() + ? * interval '1 millisecond'"
                + " FROM " + subscriptionsTable + " s WHERE s.id = m.subscription_id AND m.id IN ("
                + "  SELECT id FROM (SELECT d.id, row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.next_attempt_at) rn"
                + "    FROM " + messagesTable + " d JOIN " + subscriptionsTable + " a ON a.id = d.subscription_id"
                + "    WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND a.status = 'active'"
                + "      AND NOT (d.subscription_id = ANY (?))) due"
                + "  WHERE rn <= ? LIMIT ?)"
                + " RETURNING m.id, m.subscription_id, s.url, s.secret, m.body, m.attempts, m.next_attempt_at";
        List<Delivery> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lease.toMillis());
            s.setArray(2, c.createArrayOf("text", busy.toArray()));
            s.setInt(3, perSubscription);
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
        }
        return claimed;
    }

    /**
     * Logs an attempt and moves the message on: delivered, due again after {@code retryIn}, or
     * failed when {@code retryIn} is null; unless the claim no longer holds (the message was
     * replayed while the attempt was in flight, or claimed again after its lease): then the
     * message stays as that left it, and the attempt is only logged. The subscription's failing streak starts or ends here,
     * and a streak longer than {@code disableAfter} disables it with the last error as reason.
     * Returns the outcome logged: {@code delivered}, {@code retrying} or {@code failed}.
     */
    public String recordAttempt(Delivery delivery, AttemptResult result, Duration retryIn, Duration disableAfter)
            throws SQLException {
        String outcome = result.succeeded() ? "delivered" : retryIn != null ? "retrying" : "failed";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement log = c.prepareStatement("INSERT INTO " + attemptsTable
                    + " (message_id, subscription_id, attempt, attempted_at, status_code, latency_ms, error, outcome)"
                    + " VALUES (?, ?, ?, now(), ?, ?, ?, ?)");
                    PreparedStatement message = c.prepareStatement("UPDATE " + messagesTable
                            + " SET attempts = attempts + 1, status = ?, next_attempt_at = now() + ? * interval '1 millisecond'"
                            + " WHERE id = ? AND next_attempt_at = ?")) {
                log.setString(1, delivery.messageId());
                log.setString(2, delivery.subscriptionId());
                log.setInt(3, delivery.attemptsMade() + 1);
                log.setObject(4, result.statusCode() == 0 ? null : result.statusCode());
                log.setLong(5, result.latencyMs());
                log.setString(6, result.error());
                log.setString(7, outcome);
                log.executeUpdate();
                message.setString(1, outcome.equals("retrying") ? "pending" : outcome);
                message.setObject(2, retryIn == null ? null : retryIn.toMillis());
                message.setString(3, delivery.messageId());
                message.setObject(4, delivery.leasedUntil());
                message.executeUpdate();
            }
            try (PreparedStatement streak = c.prepareStatement(result.succeeded()
                    ? "UPDATE " + subscriptionsTable + " SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL"
                    : "UPDATE " + subscriptionsTable + " SET failing_since = COALESCE(failing_since, now()),"
                            + " status = CASE WHEN failing_since < now() - ? * interval '1 millisecond' AND status = 'active'"
                            + "   THEN 'disabled' ELSE status END,"
                            + " disabled_reason = CASE WHEN failing_since < now() - ? * interval '1 millisecond' AND status = 'active'"
                            + "   THEN 'failing since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                            + "     || '; last error: ' || ? ELSE disabled_reason END"
                            + " WHERE id = ?")) {
                int i = 1;
                if (!result.succeeded()) {
                    streak.setLong(i++, disableAfter.toMillis());
                    streak.setLong(i++, disableAfter.toMillis());
                    streak.setString(i++, result.error() != null ? result.error() : "HTTP " + result.statusCode());
                }
                streak.setString(i, delivery.subscriptionId());
                streak.executeUpdate();
            }
            c.commit();
        }
        return outcome;
    }

    /** The newest attempts of a subscription, newest first, with their message's type and state. */
    public List<Map<String, Object>> attempts(String subscriptionId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT a.message_id, m.event_type, a.attempt, a.attempted_at, a.status_code, a.latency_ms, a.error,"
                        + " a.outcome, m.status, m.event_count FROM " + attemptsTable + " a JOIN " + messagesTable + " m ON m.id = a.message_id"
                        + " WHERE a.subscription_id = ? ORDER BY a.id DESC LIMIT ?")) {
            s.setString(1, subscriptionId);
            s.setInt(2, limit);
            List<Map<String, Object>> attempts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> attempt = new LinkedHashMap<>();
                    attempt.put("messageId", rs.getString(1));
                    attempt.put("eventType", rs.getString(2));
                    attempt.put("eventCount", rs.getInt(10));
                    attempt.put("attempt", rs.getInt(3));
                    attempt.put("time", EventTime.format(rs.getTimestamp(4).toInstant()));
                    attempt.put("statusCode", rs.getObject(5));
                    attempt.put("latencyMs", rs.getLong(6));
                    attempt.put("error", rs.getString(7));
                    attempt.put("outcome", rs.getString(8));
                    attempt.put("messageStatus", rs.getString(9));
                    attempts.add(attempt);
                }
            }
            return attempts;
        }
    }

    /**
     * Sends again every message of the subscription with an event time in [from, to) (a batch
     * whole, when one of its events is in the range), with its original webhook-id so receivers
     * can tell a replay from a new event; returns how many messages.
     */
    public int replay(String subscriptionId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE " + messagesTable
                + " SET status = 'pending', attempts = 0, next_attempt_at = now()"
                // rows queued before batching existed have no last_event_time
                + " WHERE subscription_id = ? AND COALESCE(last_event_time, event_time) >= ? AND event_time < ?")) {
            s.setString(1, subscriptionId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            return s.executeUpdate();
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
}
