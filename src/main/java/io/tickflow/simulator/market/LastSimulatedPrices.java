package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Where the market simulator's prices resume after a restart, so charts do not jump: the middle
 * of the last stored quote of each instrument in PostgreSQL's current_price (one row per exchange
 * and symbol, read by its primary key), within a few ticks of the last trade. The trade history
 * would give the last trade itself, but finding the simulator's among every feed's trades of a
 * symbol can mean reading them all.
 */
public class LastSimulatedPrices {

    private DataSource dataSource;
    private String table;

    /** The last price of each symbol that has one. */
    public Map<String, BigDecimal> load(String exchange, Collection<String> symbols) {
        Map<String, BigDecimal> last = new HashMap<>();
        if (dataSource == null) {
            return last;
        }
        String sql = "SELECT bid_price, ask_price FROM " + table + " WHERE exchange = ? AND symbol = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, exchange);
            for (String symbol : symbols) {
                statement.setString(2, symbol);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getBigDecimal(1) != null && rs.getBigDecimal(2) != null) {
                        BigDecimal sum = rs.getBigDecimal(1).add(rs.getBigDecimal(2));
                        last.put(symbol, sum.divide(BigDecimal.valueOf(2), sum.scale() + 1, RoundingMode.HALF_EVEN));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the market simulator's last prices: " + e.getMessage(), e);
        }
        return last;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
