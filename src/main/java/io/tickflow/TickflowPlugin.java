package io.tickflow;

import com.zaxxer.hikari.HikariDataSource;
import io.tickflow.embedded.EmbeddedServices;
import io.tickflow.feed.FeedSwitch;
import io.tickflow.http.HttpServerFactory;
import io.tickflow.storage.DataSources;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What {@link Tickflow}'s main listeners do, for runtimes that start Camel without Tickflow's main
 * class: Camel JBang (`camel run` with Tickflow as a dependency). Camel loads this plugin
 * (META-INF/services) into every CamelContext with Tickflow on its classpath, as the context is
 * built. It binds the pools `postgres` and `questdb` as suppliers: the first route file asking
 * for one starts the embedded servers that are not configured as external, binds the real pools
 * and the {@code {{feed:...}}} function, and checks tickflow.feeds once the routes are read.
 * Under Tickflow's main class the listeners bind the pools first, replacing the suppliers, which
 * are then never called. In both runtimes it binds {@link HttpServerFactory}, so that camel-main's
 * HTTP server answers with Tickflow's errors and CORS and fails the start when it cannot listen.
 * Why not listeners named in camel.main.main-listener-classes: camel run reads the route files,
 * creating their beans, before it binds camel.main.* properties, so they would come too late;
 * and the properties files are read only after this plugin is loaded, hence the suppliers.
 */
public final class TickflowPlugin implements ContextServicePlugin {

    private static final String[] POOLS = {"postgres", "questdb"};

    private boolean setUp;

    @Override
    public void load(CamelContext context) {
        // camel-main builds its HTTP server (camel.server.*) with the factory in the registry
        context.getRegistry().bind("tickflowHttpServerFactory", MainHttpServerFactory.class, new HttpServerFactory());
        for (String pool : POOLS) {
            // DataSources unbinds these when Tickflow's main class has it bind the real pools
            context.getRegistry().bind(pool, HikariDataSource.class, () -> pool(context, pool));
        }
    }

    private synchronized Object pool(CamelContext context, String name) {
        if (!setUp) {
            setUp = true;
            // first, so that lookups while setting up do not come back here
            for (String pool : POOLS) {
                context.getRegistry().unbind(pool);
            }
            // Kafka's broker loads classes named in its configuration through the thread's
            // context class loader, which under camel run cannot see the downloaded dependencies
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(TickflowPlugin.class.getClassLoader());
            try {
                setUp(context);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return context.getRegistry().lookupByNameAndType(name, HikariDataSource.class);
    }

    private static void setUp(CamelContext context) {
        EmbeddedServices embedded = new EmbeddedServices();
        DataSources dataSources = new DataSources();
        FeedSwitch feeds = new FeedSwitch();
        // in this order: the pools are bound to the servers' addresses once the servers are up
        embedded.start(context);
        dataSources.bindAll(context);
        feeds.register(context);
        Stop stop = new Stop(dataSources, embedded);
        try {
            // before the routes start
            context.addStartupListener((StartupListener) (camelContext, alreadyStarted) -> {
                feeds.checkFeedRoutes(camelContext);
                // the registry destroys its beans last, in the order they were bound: bound after
                // every bean of the route files, the servers stop after the beans that use them
                // (a Kafka client left open would warn as its broker went away)
                camelContext.getRegistry().bind("tickflowEmbeddedServers", Stop.class, stop, null, "close");
                stop.bound = true;
            });
            // a start that fails before that stops them with the CamelContext's services
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    if (!stop.bound) {
                        stop.close();
                    }
                }
            });
        } catch (Exception e) {
            stop.close();
            throw new IllegalStateException("Could not register Tickflow's start and stop with Camel", e);
        }
    }

    /** Closes the pools, then stops the embedded servers. */
    public static final class Stop implements AutoCloseable {

        private final DataSources dataSources;
        private final EmbeddedServices embedded;
        private volatile boolean bound;

        Stop(DataSources dataSources, EmbeddedServices embedded) {
            this.dataSources = dataSources;
            this.embedded = embedded;
        }

        @Override
        public void close() {
            dataSources.closeAll();
            embedded.stopAll();
        }
    }
}
