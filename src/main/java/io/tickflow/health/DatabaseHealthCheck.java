package io.tickflow.health;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: a database of the pool answers {@code SELECT 1} within {@value Checks#TIMEOUT_MS} ms
 * (a connection from a pool whose database went away can take the pool's own timeout to fail).
 */
public class DatabaseHealthCheck extends AbstractHealthCheck {

    private DataSource dataSource;

    /** The check's id names the database: questdb, postgres. */
    public DatabaseHealthCheck(String id) {
        super(Checks.GROUP, id);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            CompletableFuture.runAsync(this::selectOne).get(Checks.TIMEOUT_MS, TimeUnit.MILLISECONDS);
            builder.up();
        } catch (Exception e) {
            Checks.down(builder, e);
        }
    }

    private void selectOne() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TimeUnit.MILLISECONDS.toSeconds(Checks.TIMEOUT_MS));
            statement.execute("SELECT 1");
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }
}
