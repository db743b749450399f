package io.tickflow.backfill;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.SharedServers;

/**
 * What TradeBackfillIT reads and expects: the trade tables of QuestDB and PostgreSQL and the
 * errors table, and the rows a fixture's trades should become, each as
 * "ts side price amount baseAmount quoteAmount tradeId" (decimals without padding zeros).
 */
final class TradeTables {

    private final SharedServers servers;
    private final Map<String, String> props;

    TradeTables(SharedServers servers, Map<String, String> props) {
        this.servers = servers;
        this.props = props;
    }

    /** Binance aggTrades: m (the buyer was the maker) true is a sale by the taker; the amount is in the base asset. */
    static List<String> binanceExpected(JsonNode trades) {
        List<String[]> rows = new ArrayList<>();
        trades.forEach(t -> rows.add(new String[] {Instant.ofEpochMilli(t.get("T").asLong()).toString(), t.get("m").asBoolean() ? "sell" : "buy",
                t.get("p").asText(), t.get("q").asText(), t.get("q").asText(), null, t.get("a").asText()}));
        return lines(rows);
    }

    /**
     * BitMEX: XBTUSD is inverse, 1 USD a contract, so its base amount is size / price; other
     * contracts' is homeNotional. The quote amount is foreignNotional.
     */
    static List<String> bitmexExpected(JsonNode trades) {
        List<String[]> rows = new ArrayList<>();
        trades.forEach(t -> {
            BigDecimal price = t.get("price").decimalValue();
            BigDecimal base = t.get("symbol").asText().equals("XBTUSD")
                    ? new BigDecimal(t.get("size").asText()).divide(price, 18, RoundingMode.HALF_EVEN)
                    : t.get("homeNotional").decimalValue();
            rows.add(new String[] {Instant.parse(t.get("timestamp").asText()).toString(), t.get("side").asText().toLowerCase(Locale.ROOT),
                    price.toPlainString(), t.get("size").asText(), base.toPlainString(), t.get("foreignNotional").decimalValue().toPlainString(),
                    t.get("trdMatchID").asText()});
        });
        return lines(rows);
    }

    /** Bitfinex [ID, MTS, AMOUNT, PRICE]: a negative amount is a sale by the taker. */
    static List<String> bitfinexExpected(JsonNode trades) {
        List<String[]> rows = new ArrayList<>();
        trades.forEach(t -> rows.add(new String[] {Instant.ofEpochMilli(t.get(1).asLong()).toString(),
                t.get(2).decimalValue().signum() > 0 ? "buy" : "sell", t.get(3).decimalValue().toPlainString(),
                t.get(2).decimalValue().abs().toPlainString(), t.get(2).decimalValue().abs().toPlainString(), null, t.get(0).asText()}));
        return lines(rows);
    }

    /** Rows ordered by time and id, as stored() reads them. */
    private static List<String> lines(List<String[]> rows) {
        return rows.stream().sorted(Comparator.<String[], Instant>comparing(r -> Instant.parse(r[0])).thenComparing(r -> r[6]))
                .map(r -> line(Instant.parse(r[0]), r[1], r[2], r[3], r[4], r[5], r[6])).toList();
    }

    private static String line(Instant ts, String side, String price, String amount, String base, String quote, String id) {
        return ts + " " + side + " " + plain(price) + " " + plain(amount) + " " + plain(base) + " " + plain(quote) + " " + id;
    }

    private static String plain(String decimal) {
        return decimal == null ? "null" : new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    /** QuestDB's trades of a symbol as "ts side price amount baseAmount quoteAmount tradeId", by time and id. */
    List<String> stored(String exchange, String symbol) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = servers.questdbConnection(); PreparedStatement s = c.prepareStatement("SELECT ts, side, price, amount,"
                + " base_amount, quote_amount, trade_id FROM " + props.get("tickflow.sink.questdb.trades-table")
                + " WHERE exchange = ? AND symbol = ? ORDER BY ts, trade_id")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(line(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7)));
                }
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return rows;
            }
            throw e;
        }
        return rows;
    }

    void awaitStored(String exchange, String symbol, List<String> expected) throws Exception {
        List<String>[] last = new List[1];
        try {
            Await.until(Duration.ofSeconds(30), exchange + " " + symbol + " trades stored", () -> {
                last[0] = stored(exchange, symbol);
                return last[0].equals(expected);
            });
        } catch (AssertionError e) {
            throw new AssertionError("stored " + last[0].size() + " trades, expected " + expected.size() + "; first stored "
                    + last[0].stream().limit(3).toList() + ", first expected " + expected.stream().limit(3).toList(), e);
        }
    }

    /** The errors table's trade pages of an exchange, one line per failed page. */
    List<String> errors(String exchange) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = servers.postgresConnection(); PreparedStatement s = c.prepareStatement("SELECT exchange, symbol, interval,"
                + " page_from, page_to, reason, attempts FROM " + props.get("tickflow.backfill.errors-table")
                + " WHERE exchange = ? AND interval = 'trades' ORDER BY symbol, page_from")) {
            s.setString(1, exchange);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getTimestamp(4).toInstant() + " "
                            + r.getTimestamp(5).toInstant() + " " + r.getString(6) + " " + r.getInt(7));
                }
            }
        }
        return rows;
    }

    Instant newestReceived(String exchange, String symbol) throws SQLException {
        return received("max", exchange, symbol);
    }

    Instant oldestReceived(String exchange, String symbol) throws SQLException {
        return received("min", exchange, symbol);
    }

    private Instant received(String aggregate, String exchange, String symbol) throws SQLException {
        try (Connection c = servers.questdbConnection(); PreparedStatement s = c.prepareStatement("SELECT " + aggregate + "(received_ts) FROM "
                + props.get("tickflow.sink.questdb.trades-table") + " WHERE exchange = ? AND symbol = ?")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    /** The PostgreSQL trade history's count of a symbol's trades, once it holds at least the expected. */
    int postgresTrades(String exchange, String symbol, int expected) throws Exception {
        int[] count = new int[1];
        Await.until(Duration.ofSeconds(30), "PostgreSQL trades of " + symbol, () -> {
            try (Connection c = servers.postgresConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                    + props.get("tickflow.sink.postgres.trades-table") + " WHERE exchange = ? AND symbol = ?")) {
                s.setString(1, exchange);
                s.setString(2, symbol);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    count[0] = r.getInt(1);
                }
            }
            return count[0] >= expected;
        });
        return count[0];
    }
}
