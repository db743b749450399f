package io.tickflow.dashboard;

import java.util.Map;

import io.tickflow.http.VertxRouters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * Serves the dashboard: one page per tab ({@code /}, {@code /markets}, ...), its scripts and
 * styles from the classpath folder {@code dashboard/}, and the chart and Swagger UI libraries
 * from their WebJars under {@code /webjars/}. Static files need no Camel route, hence Vert.x's
 * own handler, which also refuses paths that leave its folder.
 */
public class DashboardEndpoints implements CamelContextAware {

    /** Page paths and the file of each. */
    static final Map<String, String> PAGES = Map.of("/", "index.html", "/markets", "markets.html",
            "/liquidations", "liquidations.html", "/pipeline", "pipeline.html", "/queries", "queries.html",
            "/api/docs", "api.html");
    /** Only this origin's scripts, styles (inline too: the chart library styles its elements) and data. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private CamelContext camelContext;
    private int port;

    public void start() throws Exception {
        VertxRouters.onStarted(camelContext, port, this, this::attach);
    }

    private void attach(Router router) {
        // the pages and scripts change with each release; the WebJars' paths carry their version
        StaticHandler files = StaticHandler.create("dashboard").setCachingEnabled(false).setDefaultContentEncoding("UTF-8");
        StaticHandler webjars = StaticHandler.create("META-INF/resources/webjars");
        PAGES.forEach((path, file) -> router.get(path).handler(DashboardEndpoints::securityHeaders)
                .handler(ctx -> ctx.reroute("/dashboard/" + file)));
        router.get("/dashboard/*").handler(DashboardEndpoints::securityHeaders).handler(DashboardEndpoints::revalidate)
                .handler(files);
        router.get("/webjars/*").handler(DashboardEndpoints::securityHeaders).handler(webjars);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private static void revalidate(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-cache");
        ctx.next();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** The REST server's port, which names its router. */
    public void setPort(int port) {
        this.port = port;
    }
}
