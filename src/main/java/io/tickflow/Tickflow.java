package io.tickflow;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tickflow.backfill.BackfillCommand;
import io.tickflow.embedded.EmbeddedServices;
import io.tickflow.feed.FeedSwitch;
import io.tickflow.startup.RouteFilesSetting;
import io.tickflow.storage.DataSources;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickflow in one JVM: the embedded servers that are not configured as external, then Camel with
 * the routes, connectors and REST files from the classpath (see application.properties).
 * Stopping stops Camel first, so in-flight batches reach the servers, then the servers.
 */
public final class Tickflow {

    private static final Logger LOG = LoggerFactory.getLogger(Tickflow.class);

    private final Main main = new Main(Tickflow.class);
    private final EmbeddedServices embedded = new EmbeddedServices();
    private final DataSources dataSources = new DataSources();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The given properties override every other source (tests use this). */
    public Tickflow(Map<String, String> overrides) {
        overrides.forEach(main::addOverrideProperty);
        if (!overrides.containsKey(RouteFilesSetting.PROPERTY)) {
            RouteFilesSetting.from(System::getProperty, System::getenv)
                    .ifPresent(files -> main.addOverrideProperty(RouteFilesSetting.PROPERTY, files));
        }
        // in this order: the pools are bound to the servers' addresses once the servers are up
        main.addMainListener(embedded);
        main.addMainListener(dataSources);
        main.addMainListener(new FeedSwitch());
        // no JVM hook of Camel's: it would stop Camel beside main()'s hook and let the JVM exit once
        // Camel has stopped, before the embedded servers are closed; stop() waits for the whole
        // sequence instead. (DefaultMainShutdownStrategy.disableHangupSupport() installs it anyway.)
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("backfill")) {
            // a client of a running Tickflow, not a second one
            System.exit(new BackfillCommand(System.out, System.err, System.console() != null)
                    .run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Tickflow tickflow = new Tickflow(Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(tickflow::stop, "tickflow-shutdown"));
        int status = 0;
        try {
            tickflow.run();
        } catch (Exception e) {
            // a cause Tickflow can name is one line; anything else needs its stack trace
            StartupFailure.in(e).ifPresentOrElse(failure -> LOG.error(failure.getMessage()),
                    () -> LOG.error("Tickflow failed to start: {}", e.getMessage(), e));
            status = 1;
        }
        System.exit(status);
    }

    /** Runs until stop() is called; on return (or failure) everything embedded is stopped. */
    public void run() throws Exception {
        try {
            main.run();
        } finally {
            dataSources.closeAll();
            embedded.stopAll();
            stopped.countDown();
        }
    }

    /** Asks Tickflow to stop and waits until Camel and the embedded servers have stopped. */
    public void stop() {
        main.completed();
        try {
            if (!stopped.await(90, TimeUnit.SECONDS)) {
                LOG.warn("Tickflow did not stop within 90 s; stopping the embedded servers now");
                embedded.stopAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running CamelContext, or null before start. */
    public CamelContext camelContext() {
        return main.getCamelContext();
    }
}
