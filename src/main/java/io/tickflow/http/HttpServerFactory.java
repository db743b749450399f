package io.tickflow.http;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Builds camel-main's HTTP server (camel.server.*) as Camel does, with {@link TickflowHttpServer}
 * in place of the Vert.x server Camel's would create: Camel's answers the router's own errors in
 * HTML or with no body, and when it cannot listen it logs that and lets Camel start without an API.
 * camel-main takes the factory bound in the registry ({@link io.tickflow.TickflowPlugin} binds this
 * one), under Tickflow's main class and under camel run alike.
 */
public class HttpServerFactory extends DefaultMainHttpServerFactory {

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        MainHttpServer camels = (MainHttpServer) super.newHttpServer(camelContext, configuration);
        MainServer server = new MainServer();
        server.setCamelContext(camelContext);
        server.setConfiguration(camels.getConfiguration());
        server.setStaticEnabled(camels.isStaticEnabled());
        server.setStaticContextPath(camels.getStaticContextPath());
        server.setStaticSourceDir(camels.getStaticSourceDir());
        return server;
    }

    /** Camel's main HTTP server, starting a {@link TickflowHttpServer} instead of its own. */
    static final class MainServer extends MainHttpServer {

        private TickflowHttpServer server;

        @Override
        protected void doInit() throws Exception {
            server = new TickflowHttpServer(getConfiguration());
            // as Camel's does: the context stops it
            getCamelContext().addService(server);
        }

        @Override
        protected void doStart() throws Exception {
            // first: super looks up the router the server binds
            ServiceHelper.startService(server);
            super.doStart();
        }
    }
}
