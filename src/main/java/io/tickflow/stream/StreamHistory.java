package io.tickflow.stream;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventField;
import io.tickflow.event.EventType;
import io.tickflow.event.EventWriter;
import io.tickflow.event.FieldKind;

/**
 * The last N stored events of a subscription, oldest first, written like the live events by
 * {@link EventWriter}: tickers from PostgreSQL, market data from its QuestDB table, each field
 * read from its {@link EventType} column.
 */
public class StreamHistory {

    private static final Map<String, EventType> TYPES = Map.of("tickers", EventType.TICK, "trades", EventType.TRADE,
            "quotes", EventType.QUOTE, "liquidations", EventType.LIQUIDATION, "ohlcv", EventType.CANDLE);

    private DataSource postgres;
    private DataSource questdb;
    private String tickersTable;
    private Map<String, String> marketTables;

    public List<ObjectNode> last(StreamRequest request) throws SQLException {
        if (request.history() == 0) {
            return List.of();
        }
        EventType type = TYPES.get(request.dataType());
        String columns = type.wireFields().stream().map(EventField::column).collect(Collectors.joining(", "));
        List<ObjectNode> newestFirst = type == EventType.TICK
                ? query(type, postgres, "SELECT " + columns + " FROM " + tickersTable + " WHERE name = ? ORDER BY time DESC LIMIT ?",
                        request.history(), request.name())
                : query(type, questdb, "SELECT " + columns + " FROM " + marketTables.get(request.dataType())
                        + " WHERE exchange = ? AND symbol = ?" + (request.interval() != null ? " AND interval = ?" : "")
                        + " ORDER BY ts DESC LIMIT ?",
                        request.history(), request.interval() != null
                                ? new String[] {request.exchange(), request.symbol(), request.interval()}
                                : new String[] {request.exchange(), request.symbol()});
        List<ObjectNode> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static List<ObjectNode> query(EventType type, DataSource dataSource, String sql, int limit, String... values)
            throws SQLException {
        List<ObjectNode> events = new ArrayList<>();
        List<EventField> fields = type.wireFields();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (String value : values) {
                s.setString(i++, value);
            }
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[fields.size()];
                    for (int col = 0; col < row.length; col++) {
                        row[col] = value(fields.get(col).kind(), rs, col + 1);
                    }
                    events.add(EventWriter.node(type, row));
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

    /** A column's value as the writer takes it for the field's kind; decimals without the columns' padding zeros. */
    private static Object value(FieldKind kind, ResultSet rs, int col) throws SQLException {
        Object value = switch (kind) {
            case DECIMAL, POSITIVE_DECIMAL -> {
                BigDecimal decimal = rs.getBigDecimal(col);
                yield decimal == null ? null : decimal.stripTrailingZeros();
            }
            case TIMESTAMP -> {
                Timestamp time = rs.getTimestamp(col);
                yield time == null ? null : time.toInstant();
            }
            case LONG -> rs.getLong(col);
            case BOOLEAN -> rs.getBoolean(col);
            default -> rs.getString(col);
        };
        return rs.wasNull() ? null : value;
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
