package io.tickflow.storage;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * What is bound as the pool {@code postgres} when tickflow.postgres.enabled is false: the route
 * files can still name it (the sinks', the health checks'), and whatever asks it for a connection
 * is told why there is none.
 */
final class PostgresOff implements DataSource {

    static final String REASON = "PostgreSQL is off (tickflow.postgres.enabled=false)";

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLException(REASON);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException(REASON);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged: there are no connections
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // nothing to time out
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException(REASON);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
