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
import java.util.HashMap;
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
     * of its first and last event, how many events, and the exact body; {@code bodyId} names the
     * body when it is stored once for several subscriptions (null: stored with the message).
     */
    public record NewMessage(String id, String subscriptionId, String eventType, Instant eventTime, Instant lastEventTime,
            int eventCount, String body, String bodyId) {

        /** A message of one event, with its own body. */
        public NewMessage(String id, String subscriptionId, String eventType, Instant eventTime, String body) {
            this(id, subscriptionId, eventType, eventTime, eventTime, 1, body, null);
        }
    }

    private DataSource dataSource;
    private String messagesTable;
    private String attemptsTable;
    private String subscriptionsTable;
    private String bodiesTable;

    public static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The id of the message for one Kafka record (a batch's first) and one subscription: the same
     * on every read of the record, so receivers see one webhook-id (a replayed Kafka batch is
     * not queued again at all: see {@link QueuedOffsets}).
     */
    public static String messageIdFor(String subscriptionId, String topic, Object partition, Object offset) {
        return MessageIds.of("msg_", subscriptionId + "/" + topic + "/" + partition + "/" + offset);
    }

    /** Queues the messages in one transaction, due now; returns their ids. */
    public List<String> enqueue(Collection<NewMessage> messages) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> ids = insert(c, messages, null);
            c.commit();
            return ids;
        }
    }

    /**
     * Queues the messages in the caller's transaction, each shared body once, in one statement
     * each: due now, or leased until {@code leasedUntil} when they are to be sent from memory
     * (a crash before their attempt frees them once the lease ends). Returns the ids inserted
     * (one already queued is not queued again).
     */
    public List<String> insert(Connection c, Collection<NewMessage> messages, OffsetDateTime leasedUntil) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (messages.isEmpty()) {
            return ids;
        }
        Map<String, String> shared = new LinkedHashMap<>();
        for (NewMessage message : messages) {
            if (message.bodyId() != null) {
                shared.putIfAbsent(message.bodyId(), message.body());
            }
        }
        if (!shared.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + bodiesTable + " (id, body)"
                    + " SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT (id) DO NOTHING")) {
                s.setArray(1, c.createArrayOf("text", shared.keySet().toArray()));
                s.setArray(2, c.createArrayOf("text", shared.values().toArray()));
                s.executeUpdate();
            }
        }
        int n = messages.size();
        String[][] columns = new String[8][n];
        int i = 0;
        for (NewMessage message : messages) {
            columns[0][i] = message.id();
            columns[1][i] = message.subscriptionId();
            columns[2][i] = message.eventType();
            columns[3][i] = message.eventTime().toString();
            columns[4][i] = message.lastEventTime().toString();
            columns[5][i] = String.valueOf(message.eventCount());
            columns[6][i] = message.bodyId() == null ? message.body() : null;
            columns[7][i] = message.bodyId();
            i++;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + messagesTable
                + " (id, subscription_id, event_type, event_time, last_event_time, event_count, body, body_id, status, next_attempt_at, created_at)"
                + " SELECT u.id, u.subscription_id, u.event_type, u.event_time::timestamptz, u.last_event_time::timestamptz,"
                + "   u.event_count::int, u.body, u.body_id, 'pending', COALESCE(?::timestamptz, now()), now()"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + "   AS u(id, subscription_id, event_type, event_time, last_event_time, event_count, body, body_id)"
                + " ON CONFLICT (id) DO NOTHING RETURNING id")) {
            s.setObject(1, leasedUntil);
            for (int column = 0; column < columns.length; column++) {
                s.setArray(column + 2, c.createArrayOf("text", columns[column]));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Deletes the shared bodies no message refers to any more (after a subscription went with its messages). */
    public int dropUnusedBodies() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM " + bodiesTable
                + " b WHERE NOT EXISTS (SELECT 1 FROM " + messagesTable + " m WHERE m.body_id = b.id)")) {
            return s.executeUpdate();
        }
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
                + " RETURNING m.id, m.subscription_id, s.url, s.secret, m.body, m.attempts, m.next_attempt_at, m.body_id,"
                + "   CASE WHEN m.body IS NULL THEN (SELECT b.body FROM " + bodiesTable + " b WHERE b.id = m.body_id) END";
        List<Delivery> claimed = new ArrayList<>();
        Map<String, WebhookBody> shared = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lease.toMillis());
            s.setArray(2, c.createArrayOf("text", busy.toArray()));
            s.setInt(3, perSubscription);
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String bodyId = rs.getString(8);
                    String sharedText = rs.getString(9);
                    WebhookBody body = bodyId == null ? new WebhookBody(rs.getString(5))
                            : shared.computeIfAbsent(bodyId, id -> new WebhookBody(sharedText));
                    claimed.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            body, rs.getInt(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
        }
        return claimed;
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

    public void setBodiesTable(String bodiesTable) {
        this.bodiesTable = bodiesTable;
    }
}
