package io.tickflow.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.tickflow.simulator.RandomWalkSimulator;

/** Which tickers exist: the simulator's configured names, and any name with stored values. */
public class TickerCatalog {

    private RandomWalkSimulator simulator;
    private DataSource dataSource;
    private String table;

    public List<String> names() {
        return simulator.names();
    }

    public void requireKnown(String name) throws SQLException {
        if (simulator.names().contains(name) || isStored(name)) {
            return;
        }
        throw ApiException.notFound("Unknown ticker '" + name + "'; GET /api/tickers lists the known ones");
    }

    private boolean isStored(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT 1 FROM " + table + " WHERE name = ? LIMIT 1")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void setSimulator(RandomWalkSimulator simulator) {
        this.simulator = simulator;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
