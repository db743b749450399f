package io.tickflow.webhook;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

/** Webhook subscriptions in PostgreSQL. */
public class SubscriptionStore {

    private static final String COLUMNS = "id, url, event_types, filters::text, description, batch_max_events, secret, status, "
            + "disabled_reason, failing_since, created_at, updated_at";

    private DataSource dataSource;
    private String table;

    public Subscription create(Map<String, Object> fields, String secret) throws SQLException {
        String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                + " (id, url, event_types, filters, description, batch_max_events, secret, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, 'active', now(), now()) RETURNING " + COLUMNS)) {
            s.setString(1, id);
            s.setString(2, (String) fields.get("url"));
            s.setArray(3, c.createArrayOf("text", ((List<?>) fields.get("eventTypes")).toArray()));
            s.setString(4, (String) fields.getOrDefault("filters", "{}"));
            s.setString(5, (String) fields.get("description"));
            s.setObject(6, fields.get("batch"), Types.INTEGER);
            s.setString(7, secret);
            return one(s).orElseThrow();
        }
    }

    public List<Subscription> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " ORDER BY created_at, id")) {
            return many(s);
        }
    }

    /** Active subscriptions, the ones events are queued for. */
    public List<Subscription> active() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM " + table + " WHERE status = 'active'")) {
            return many(s);
        }
    }

    public Optional<Subscription> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
            s.setString(1, id);
            return one(s);
        }
    }

    /** Applies the given fields; resuming (status active) clears a disabled state and its reason. */
    public Optional<Subscription> update(String id, Map<String, Object> fields) throws SQLException {
        StringBuilder set = new StringBuilder("updated_at = now()");
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            switch (field.getKey()) {
                case "url" -> set.append(", url = ?");
                case "eventTypes" -> set.append(", event_types = ?");
                case "filters" -> set.append(", filters = ?::jsonb");
                case "description" -> set.append(", description = ?");
                case "batch" -> set.append(", batch_max_events = ?");
                case "status" -> set.append(", status = ?, disabled_reason = NULL, failing_since = NULL");
                default -> throw new IllegalArgumentException(field.getKey());
            }
            values.add(field.getValue());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE " + table + " SET " + set + " WHERE id = ? RETURNING " + COLUMNS)) {
            int i = 1;
            for (Object value : values) {
                if (value instanceof List<?> list) {
                    s.setArray(i++, c.createArrayOf("text", list.toArray()));

                } else {
                    s.setObject(i++, value);
                }
            }
            s.setString(i, id);
            return one(s);
        }
    }

    public boolean delete(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        }
    }

    private static Optional<Subscription> one(PreparedStatement s) throws SQLException {
        List<Subscription> all = many(s);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<Subscription> many(PreparedStatement s) throws SQLException {
        List<Subscription> subscriptions = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Array types = rs.getArray(3);
                Timestamp failingSince = rs.getTimestamp(10);
                subscriptions.add(new Subscription(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) types.getArray()), rs.getString(4), rs.getString(5),
                        rs.getObject(6, Integer.class), rs.getString(7), rs.getString(8), rs.getString(9),
                        failingSince == null ? null : failingSince.toInstant(),
                        rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant()));
            }
        }
        return subscriptions;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
