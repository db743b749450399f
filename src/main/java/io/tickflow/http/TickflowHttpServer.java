package io.tickflow.http;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.tickflow.StartupFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.VetoCamelContextStartException;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.vertx.common.VertxHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's Vert.x HTTP server with Tickflow's root router in front of Camel's: CORS first
 * ({@link CorsPolicy}, when configured), HEAD answered as GET without the body, then Camel's
 * router (the REST routes and the handlers attached to it), and for what the server answers itself (no such path, wrong method, body too
 * large, a request it cannot parse, a failure) the JSON errors of {@link HttpErrorAnswers}.
 * Listening is part of starting: a server that cannot listen vetoes Camel's start with one line
 * naming the setting (and the main class exits), instead of logging a warning and leaving Tickflow
 * running without an API.
 */
public class TickflowHttpServer extends VertxPlatformHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TickflowHttpServer.class);

    private final VertxPlatformHttpServerConfiguration configuration;
    private volatile HttpServer server;

    public TickflowHttpServer(VertxPlatformHttpServerConfiguration configuration) {
        super(configuration);
        this.configuration = configuration;
    }

    /** Runs after initializeServer(), which has made Vert.x and bound Camel's router; Camel's own root router is left unused. */
    @Override
    protected void startServer() throws Exception {
        try {
            listen();
        } catch (StartupFailure e) {
            // a veto makes Camel log one warning instead of an error with the stack trace; it stops nothing, hence Vert.x here
            closeVertx();
            throw new VetoCamelContextStartException(e.getMessage(), e, getCamelContext(), true);
        }
    }

    private void listen() throws Exception {
        CamelContext context = getCamelContext();
        Router camelRouter = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort()));
        HttpServerOptions options = new HttpServerOptions();
        SSLContextParameters ssl = configuration.getSslContextParameters() != null ? configuration.getSslContextParameters()
                : configuration.isUseGlobalSslContextParameters() ? context.getSSLContextParameters() : null;
        if (ssl != null) {
            VertxHelper.setupSSLOptions(context, ssl, options);
        }
        HttpErrorAnswers errors = new HttpErrorAnswers(camelRouter, configuration.getMaxBodySize(), options);
        Router root = Router.router(getVertx());
        CorsPolicy.of(context.getPropertiesComponent().resolveProperty(CorsPolicy.PROPERTY).orElse(""), camelRouter)
                .ifPresent(cors -> root.route().handler(cors));
        // HEAD is GET without the body (RFC 9110), as curl -I and uptime monitors send it: the REST routes
        // name GET only, so a HEAD on their paths is routed as a GET, and Vert.x leaves a HEAD's body out
        // (a path whose routes name HEAD answers it itself: the event stream, whose GET never ends)
        root.route().method(HttpMethod.HEAD).handler(ctx -> {
            Set<HttpMethod> methods = AllowedMethods.on(camelRouter, ctx.normalizedPath());
            if (methods.contains(HttpMethod.GET) && !methods.contains(HttpMethod.HEAD)) {
                ctx.reroute(HttpMethod.GET, ctx.request().uri());
            } else {
                ctx.next();
            }
        });
        root.route(configuration.getPath() + "*").subRouter(camelRouter);
        errors.answerFor(root);
        HttpServer created = getVertx().createHttpServer(options).requestHandler(root).invalidRequestHandler(errors::invalidRequest);
        try {
            await(created.listen(configuration.getBindPort(), configuration.getBindHost()));
        } catch (ExecutionException e) {
            throw new StartupFailure(listenFailure(e.getCause()), e.getCause());
        }
        server = created;
        LOG.info("HTTP server listening on {}:{}", configuration.getBindHost(), created.actualPort());
    }

    private String listenFailure(Throwable cause) {
        String reason = StartupFailure.oneLine(cause.getMessage());
        if (reason.isEmpty()) {
            reason = cause.getClass().getName();
        }
        boolean inUse = reason.toLowerCase(Locale.ROOT).contains("already in use");
        return "Cannot listen on " + configuration.getBindHost() + ":" + configuration.getBindPort() + ": "
                + Character.toLowerCase(reason.charAt(0)) + reason.substring(1)
                + (inUse ? " (tickflow.http.port)" : " (tickflow.http.host, tickflow.http.port)");
    }

    @Override
    protected void stopServer() {
        HttpServer stopping = server;
        if (stopping == null) {
            return;
        }
        server = null;
        // as Camel's server does, so that a restarted context creates the component afresh
        getCamelContext().removeComponent(PlatformHttpConstants.PLATFORM_HTTP_COMPONENT_NAME);
        try {
            await(stopping.close());
            LOG.info("HTTP server stopped");
        } catch (ExecutionException e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() throws Exception {
        stopServer();
        closeVertx();
        // a restart looks Vert.x up or makes it afresh (allowed now: the service is stopping)
        setVertx(null);
    }

    /** Camel's server closes the Vert.x it made (none was in the registry) on an executor only its own startServer() makes. */
    private void closeVertx() throws Exception {
        Vertx vertx = getVertx();
        if (vertx != null && vertx != lookupVertx()) {
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public int getPort() {
        HttpServer listening = server;
        return listening != null ? listening.actualPort() : configuration.getBindPort();
    }
}
