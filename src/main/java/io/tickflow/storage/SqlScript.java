package io.tickflow.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.tickflow.StartupFailure;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a schema script once at start. The script's {{placeholders}} are Tickflow properties, so
 * table names stay configuration; its statements must be idempotent (CREATE ... IF NOT EXISTS).
 */
public class SqlScript implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(SqlScript.class);

    private CamelContext camelContext;
    private DataSource dataSource;
    private String location;
    private String database = "the database";
    private boolean enabled = true;

    /** Fails with a {@link StartupFailure} naming the database, the statement and the database's reason. */
    public void run() throws IOException {
        if (!enabled) {
            return;
        }
        String script;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
            script = camelContext.resolvePropertyPlaceholders(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> statements = statements(script);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    statement.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new StartupFailure(database + " refused the schema " + location + " at statement " + (i + 1) + " ("
                            + abbreviated(statements.get(i)) + "): " + reason(e), e);
                }
            }
        } catch (SQLException e) {
            throw new StartupFailure("Cannot connect to " + database + " to apply the schema " + location + ": " + reason(e), e);
        }
        LOG.info("Schema {} applied", location);
    }

    /** The database's message and, for a pool that could not connect, why. */
    private static String reason(SQLException e) {
        Throwable cause = e.getCause();
        return StartupFailure.oneLine(e.getMessage()) + (cause == null || cause.getMessage() == null ? ""
                : ": " + StartupFailure.oneLine(cause.getMessage()));
    }

    private static String abbreviated(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    /** The database's name in messages (PostgreSQL, QuestDB). */
    public void setDatabase(String database) {
        this.database = database;
    }
}
