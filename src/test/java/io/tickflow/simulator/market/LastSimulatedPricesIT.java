package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The market simulator resumes from the middle of its own last quotes in current_price, on the real PostgreSQL. */
class LastSimulatedPricesIT {

    private final SharedServers servers = SharedServers.get();
    private final String table = "current_price_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void createTable() throws Exception {
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (exchange TEXT NOT NULL, symbol TEXT NOT NULL, bid_price NUMERIC,"
                    + " bid_size NUMERIC, ask_price NUMERIC, ask_size NUMERIC, updated_at TIMESTAMPTZ NOT NULL,"
                    + " PRIMARY KEY (exchange, symbol))");
            s.execute("INSERT INTO " + table + " VALUES"
                    + " ('simulator', 'BTC-USDT', 95000.0, 0.04, 95000.3, 0.02, now()),"
                    + " ('simulator', 'XRP-USDT', 2.1234, 800, 2.1235, 900, now()),"
                    + " ('binance', 'ETH-USDT', 3100.00, 1, 3100.01, 1, now())");
        }
    }

    @AfterEach
    void dropTable() throws Exception {
        servers.dropAll(List.of(), List.of(), List.of(table));
    }

    @Test
    void theMiddleOfEachOwnLastQuoteAndNothingForOtherExchanges() throws Exception {
        LastSimulatedPrices prices = new LastSimulatedPrices();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try (Connection c = servers.postgresConnection()) {
            dataSource.setUrl(c.getMetaData().getURL());
        }
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        prices.setDataSource(dataSource);
        prices.setTable(table);
        assertEquals(Map.of("BTC-USDT", new BigDecimal("95000.15"), "XRP-USDT", new BigDecimal("2.12345")),
                prices.load("simulator", List.of("BTC-USDT", "ETH-USDT", "XRP-USDT")));
    }
}
