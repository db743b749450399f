package io.tickflow.instrument;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/** A venue's instruments into the PostgreSQL instruments table: the venue's rows replaced in one transaction. */
public final class InstrumentTable {

    private final DataSource dataSource;
    private final String table;

    public InstrumentTable(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    public void replace(String exchange, List<InstrumentSpec> instruments) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE exchange = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                            + " (exchange, raw_symbol, symbol, base, quote, settle, type, expiry, contract_size, inverse, tick_size,"
                            + " lot_size, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())")) {
                delete.setString(1, exchange);
                delete.executeUpdate();
                for (InstrumentSpec s : instruments) {
                    insert.setString(1, exchange);
                    insert.setString(2, s.rawSymbol());
                    insert.setString(3, s.symbol());
                    insert.setString(4, s.base());
                    insert.setString(5, s.quote());
                    insert.setString(6, s.settle());
                    insert.setString(7, s.type().name().toLowerCase(java.util.Locale.ROOT));
                    insert.setDate(8, s.expiry() == null ? null : Date.valueOf(s.expiry()));
                    insert.setBigDecimal(9, s.contractSize());
                    insert.setBoolean(10, s.inverse());
                    insert.setBigDecimal(11, s.tickSize());
                    insert.setBigDecimal(12, s.lotSize());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
