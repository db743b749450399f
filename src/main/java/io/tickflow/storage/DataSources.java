package io.tickflow.storage;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Binds the connection pools `postgres` and `questdb` (QuestDB over its PostgreSQL wire protocol)
 * into the registry before any route file is read, since route files create their beans as
 * they are read and refer to these by name.
 */
public final class DataSources extends MainListenerSupport {

    private final List<HikariDataSource> pools = new ArrayList<>();

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        bindAll(main.getCamelContext());
    }

    /**
     * Binds both pools, addressed by the tickflow.postgres.* and tickflow.questdb.* properties; with
     * tickflow.postgres.enabled false, {@link PostgresOff} in place of PostgreSQL's.
     */
    public void bindAll(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        if (!postgresEnabled(pc)) {
            context.getRegistry().unbind("postgres");
            context.getRegistry().bind("postgres", DataSource.class, new PostgresOff());
        } else {
                bind(context, "postgres", pc.parseUri("jdbc:postgresql://{{tickflow.postgres.host}}:{{tickflow.postgres.port}}/"
                    + "{{tickflow.postgres.database}}"), pc.parseUri("{{tickflow.postgres.user}}"),
                    pc.parseUri("{{tickflow.postgres.password}}"), Integer.parseInt(pc.parseUri("{{tickflow.postgres.pool-size}}")));
        }
        bind(context, "questdb", pc.parseUri("jdbc:postgresql://{{tickflow.questdb.host}}:{{tickflow.questdb.pg-port}}/qdb"),
                pc.parseUri("{{tickflow.questdb.user}}"), pc.parseUri("{{tickflow.questdb.password}}"), 4);
    }

    /** tickflow.postgres.enabled: anything but false is on. */
    public static boolean postgresEnabled(PropertiesComponent pc) {
        return !pc.resolveProperty("tickflow.postgres.enabled").map(String::trim).orElse("true").equalsIgnoreCase("false");
    }

    private void bind(CamelContext context, String name, String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5000);
        // do not fail start-up when the database is still coming up: connect on first use
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        // replaces what is bound under the name: TickflowPlugin's supplier, looked up before plain beans
        context.getRegistry().unbind(name);
        context.getRegistry().bind(name, pool);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        closeAll();
    }

    public synchronized void closeAll() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }
}
