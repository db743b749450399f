package io.tickflow.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickflow.api.ApiErrors;
import io.tickflow.api.ApiException;
import io.tickflow.http.RequestParameters;
import io.tickflow.http.VertxRouters;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * Serves {@code GET /api/queries/{name}} straight from Vert.x, ahead of the REST DSL's route for
 * the same path (which stays, for the OpenAPI document): without the exchange, its headers copied
 * in and filtered out, the interceptor, error handler and route policy Camel runs around each request
 * (bench/README.md). Same work, same answers: {@link RequestParameters}' checks, {@link NamedQueryRequest},
 * {@link ApiErrors}' JSON. The query runs on a worker pool of its database, as large as that
 * database's connection pool (more threads would only wait for a connection), and the answer is written with one
 * {@code end(Buffer)}. Only Content-Type is set, so no request data can become a response header;
 * CORS is the root router's. Each request is timed in {@code tickflow.query.requests}, by query and
 * status, instead of Camel's per-route series.
 */
public class NamedQueryEndpoint implements CamelContextAware {

    static final String PATH = "/api/queries/:name";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camelContext;
    private int port;
    private RequestParameters requestParameters;
    private NamedQueryRequest request;
    private QueryCatalog catalog;
    private HikariDataSource questdb;
    private HikariDataSource postgres;
    private MeterRegistry meters;
    private volatile Map<String, WorkerExecutor> workers;
    /** By query and status; bounded, since names the catalog does not know count as "unknown". */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public void start() throws Exception {
        meters = camelContext.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        VertxRouters.onStarted(camelContext, port, this, this::attach);
    }

    private void attach(Router router) {
        // looked up, not injected: rest/api-errors.camel.yaml binds it, and another file's beans may be built first
        requestParameters = camelContext.getRegistry().findSingleByType(RequestParameters.class);
        // order -1: before the REST route Camel mounted on the same path
        router.get(PATH).order(-1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        HttpServerRequest http = ctx.request();
        try {
            requestParameters.checkQuery(http.params());
            requestParameters.check("name", ctx.pathParam("name"));
        } catch (ApiException e) {
            answerError(ctx, e, start);
            return;
        }
        String path = http.path();
        String query = http.query();
        workers(ctx, ctx.pathParam("name")).executeBlocking(() -> request.answer(path, query), false).onComplete(done -> {
            if (done.succeeded()) {
                NamedQueryRequest.Answer answer = done.result();
                ctx.response().setStatusCode(200).putHeader("Content-Type", answer.contentType())
                        .end(Buffer.buffer(answer.bytes()));
                record(ctx, 200, start);
            } else {
                answerError(ctx, done.cause(), start);
            }
        });
    }

    /**
     * The worker pool of the database the query runs on, as large as that database's connection
     * pool: more threads would only queue inside the connection pool, each wait a park and a wake.
     */
    private WorkerExecutor workers(RoutingContext ctx, String name) {
        Map<String, WorkerExecutor> pools = workers;
        if (pools == null) {
            synchronized (this) {
                if (workers == null) {
                    workers = Map.of(
                            "questdb", ctx.vertx().createSharedWorkerExecutor("tickflow-questdb-queries", questdb.getMaximumPoolSize()),
                            "postgres", ctx.vertx().createSharedWorkerExecutor("tickflow-postgres-queries", postgres.getMaximumPoolSize()));
                }
                pools = workers;
            }
        }
        String target = catalog.targetOf(name);
        // an unknown name is answered 404 by either
        return pools.get(target == null ? "postgres" : target);
    }

    private void answerError(RoutingContext ctx, Throwable cause, long start) {
        Map<String, Object> body = ApiErrors.of(cause instanceof Exception e ? e : new IllegalStateException(cause),
                ctx.request().uri());
        int status = (Integer) body.get("status");
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(bytes));
        record(ctx, status, start);
    }

    private void record(RoutingContext ctx, int status, long start) {
        if (meters == null) {
            return;
        }
        String name = ctx.pathParam("name");
        String query = catalog.knows(name) ? name : "unknown";
        // kept, not built per request: building and registering was a tenth of a request's CPU
        timers.computeIfAbsent(query + " " + status, key -> Timer.builder("tickflow.query.requests")
                .description("Named query requests (GET /api/queries/{name}), by query and status")
                .tag(MicrometerConstants.CAMEL_CONTEXT_TAG, camelContext.getName())
                .tag("query", query)
                .tag("status", String.valueOf(status))
                .register(meters)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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

    public void setRequest(NamedQueryRequest request) {
        this.request = request;
    }

    public void setCatalog(QueryCatalog catalog) {
        this.catalog = catalog;
    }

    public void setQuestdb(HikariDataSource questdb) {
        this.questdb = questdb;
    }

    public void setPostgres(HikariDataSource postgres) {
        this.postgres = postgres;
    }
}
