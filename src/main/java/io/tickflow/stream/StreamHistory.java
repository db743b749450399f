package io.tickflow.stream;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;

/**
 * The last N stored events of a subscription, oldest first, shaped like the live events: tickers
 * from PostgreSQL, market data from its QuestDB table (snake_case columns become the event's
 * camelCase fields).
 */
public class StreamHistory {

    private DataSource postgres;
    private DataSource questdb;
    private String tickersTable;
    private Map<String, String> marketTables;

    public List<ObjectNode> last(StreamRequest request) throws SQLException {
        if (request.history() == 0) {
            return List.of();
        }
        List<ObjectNode> newestFirst = request.dataType().equals("tickers")
                ? query(postgres, "SELECT name, value, time FROM " + tickersTable + " WHERE name = ? ORDER BY time DESC LIMIT ?",
                        request.history(), request.name())
                : query(questdb, "SELECT * FROM " + marketTables.get(request.dataType()) + " WHERE exchange = ? AND symbol = ?"
                        + (request.interval() != null ? " AND interval = ?" : "") + " ORDER BY ts DESC LIMIT ?",
                        request.history(), request.interval() != null
                                ? new String[] {request.exchange(), request.symbol(), request.interval()}
                                : new String[] {request.exchange(), request.symbol()});
        List<ObjectNode> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static List<ObjectNode> query(DataSource dataSource, String sql, int limit, String... values) throws SQLException {
        List<ObjectNode> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (String value : values) {
                s.setString(i++, value);
            }
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    ObjectNode event = StreamHub.JSON.createObjectNode();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        put(event, camelCase(meta.getColumnLabel(col)), rs.getObject(col));
                    }
                    events.add(event);
                }
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return events;
            }
            throw e;
        }
        return events;
    }

    private static void put(ObjectNode event, String field, Object value) {
        if (value == null) {
            event.putNull(field);
        } else if (value instanceof Timestamp time) {
            event.put(field, EventTime.format(time.toInstant()));
        } else if (value instanceof Long number) {
            event.put(field, number);
        } else if (value instanceof Integer number) {
            event.put(field, number);
        } else if (value instanceof java.math.BigDecimal number) {
            event.put(field, number.stripTrailingZeros());
        } else if (value instanceof Boolean flag) {
            event.put(field, flag);
        } else {
            event.put(field, value.toString());
        }
    }

    static String camelCase(String column) {
        StringBuilder field = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return field.toString();
    }

    public void setPostgres(DataSource postgres) {
        this.postgres = postgres;
    }

    public void setQuestdb(DataSource questdb) {
        this.questdb = questdb;
    }

    public void setTickersTable(String tickersTable) {
        this.tickersTable = tickersTable;
    }

    public void setTradesTable(String table) {
        tables().put("trades", table);
    }

    public void setQuotesTable(String table) {
        tables().put("quotes", table);
    }

    public void setLiquidationsTable(String table) {
        tables().put("liquidations", table);
    }

    public void setCandlesTable(String table) {
        tables().put("ohlcv", table);
    }

    private Map<String, String> tables() {
        if (marketTables == null) {
            marketTables = new java.util.concurrent.ConcurrentHashMap<>();
        }
        return marketTables;
    }
}
