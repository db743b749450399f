package io.tickflow.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

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

    public void run() throws IOException, SQLException {
        String script;
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
            script = camelContext.resolvePropertyPlaceholders(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        }
        LOG.info("Schema {} applied", location);
    }

    static java.util.List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            withoutComments.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
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
}
