package io.tickflow.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The next Kafka offset not yet queued, per consumer group and partition, kept in PostgreSQL and
 * moved in the transaction that queues the messages. Kafka's own commit comes after that
 * transaction, so a crash between the two re-reads records already queued: they are skipped
 * here, whatever the re-read poll's boundaries (a batch's id alone could not tell a re-read
 * chunk that starts at the same offset but holds more events).
 */
public class QueuedOffsets {

    private String table;

    /**
     * Locks and returns the next offset to queue of each of the given partitions
     * ({@code topic/partition} keys) that has one; the lock lasts until the transaction ends, so
     * two instances briefly sharing a partition during a rebalance queue its records once.
     */
    public Map<String, Long> lock(Connection c, String groupId, Set<String> partitions) throws SQLException {
        Map<String, Long> next = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT topic || '/' || kafka_partition, next_offset FROM " + table
                + " WHERE group_id = ? AND topic || '/' || kafka_partition = ANY (?) FOR UPDATE")) {
            s.setString(1, groupId);
            s.setArray(2, c.createArrayOf("text", partitions.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    next.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return next;
    }

    /** Records the next offset to queue per partition; never moves one back. */
    public void advance(Connection c, String groupId, Map<String, Long> next) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (group_id, topic, kafka_partition, next_offset)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (group_id, topic, kafka_partition)"
                + " DO UPDATE SET next_offset = GREATEST(" + table + ".next_offset, EXCLUDED.next_offset)")) {
            for (Map.Entry<String, Long> partition : next.entrySet()) {
                int slash = partition.getKey().lastIndexOf('/');
                s.setString(1, groupId);
                s.setString(2, partition.getKey().substring(0, slash));
                s.setInt(3, Integer.parseInt(partition.getKey().substring(slash + 1)));
                s.setLong(4, partition.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void setTable(String table) {
        this.table = table;
    }
}
