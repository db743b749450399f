package io.tickflow.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tickflow.http.VertxRouters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * Serves the stream on the REST server's Vert.x router, once Camel has started it: WebSocket at
 * {@code path} (subscribe with JSON frames) and Server-Sent Events at {@code path}/sse (one
 * subscription from the query parameters). The REST DSL has no WebSocket upgrade or unbounded
 * response, hence Vert.x directly.
 */
public class StreamEndpoints implements CamelContextAware {

    private CamelContext camelContext;
    private StreamHub hub;
    private String path = "/api/stream";
    private int clientBuffer = 5000;
    private int port;

    public void start() throws Exception {
        VertxRouters.onStarted(camelContext, port, this, this::attach);
    }

    private void attach(Router router) {
        router.route(path).handler(this::webSocket);
        router.get(path + "/sse").handler(this::serverSentEvents);
        router.head(path + "/sse").handler(this::serverSentEventsHead);
    }

    private void webSocket(RoutingContext ctx) {
        ctx.request().toWebSocket().onSuccess(ws -> {
            WebSocketStreamClient client = new WebSocketStreamClient(ws, clientBuffer);
            ws.exceptionHandler(client::failed);
            ws.closeHandler(v -> hub.disconnect(client));
            // a WebSocket client cannot see the HTTP status of a refused upgrade; it can read a frame and a close code
            if (!hub.connect(client)) {
                int max = hub.limits().getMaxConnections();
                client.refuse(StreamLimits.error("connection", StreamLimits.CONNECTIONS, "the server has " + max
                        + " streaming connections, the most it serves; try again later"), WebSocketStreamClient.TRY_AGAIN_LATER,
                        "max connections (" + max + ", " + StreamLimits.CONNECTIONS + ") reached; try again later");
                return;
            }
            ws.frameHandler(new InboundFrames(client, hub.limits(), text -> hub.onFrame(client, text)));
        }).onFailure(ctx::fail);
    }

    private void serverSentEvents(RoutingContext ctx) {
        StreamRequest request = sseRequest(ctx);
        if (request == null) {
            return;
        }
        StreamClient client = new ServerSentEventsClient(ctx.response());
        if (!hub.connect(client)) {
            int max = hub.limits().getMaxConnections();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "too_many_connections");
            body.put("limit", StreamLimits.CONNECTIONS);
            body.put("message", "the server has " + max + " streaming connections, the most it serves; try again later");
            ctx.response().putHeader("Retry-After", "10");
            respond(ctx, 503, body);
            return;
        }
        HttpServerResponse response = eventStreamHeaders(ctx).setChunked(true);
        response.write(":\n\n");
        response.closeHandler(v -> hub.disconnect(client));
        hub.handle(client, request);
    }

    /** HEAD of the event stream: a GET's status and headers, without subscribing (a GET's body never ends). */
    private void serverSentEventsHead(RoutingContext ctx) {
        if (sseRequest(ctx) != null) {
            eventStreamHeaders(ctx).end();
        }
    }

    private static HttpServerResponse eventStreamHeaders(RoutingContext ctx) {
        return ctx.response().putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    }

    /** The subscription the query parameters ask for; null, with a 400 naming the parameter sent, if they are invalid. */
    private StreamRequest sseRequest(RoutingContext ctx) {
        try {
            return StreamRequest.of("subscribe", ctx.queryParams().get("data_type"), ctx.queryParams().get("exchange"),
                    ctx.queryParams().get("base_id"), ctx.queryParams().get("quote_id"), ctx.queryParams().get("symbol"),
                    ctx.queryParams().get("name"), ctx.queryParams().get("interval"), ctx.queryParams().get("history"),
                    hub.maxHistory());
        } catch (StreamRequest.Invalid invalid) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "bad_parameter");
            body.put("parameter", invalid.field);
            body.put("message", invalid.getMessage());
            respond(ctx, 400, body);
            return null;
        }
    }

    private static void respond(RoutingContext ctx, int status, Map<String, Object> body) {
        body.put("status", status);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(StreamHub.JSON.valueToTree(body).toString());
    }

    private final class ServerSentEventsClient extends StreamClient {
        private final HttpServerResponse response;

        ServerSentEventsClient(HttpServerResponse response) {
            super(Vertx.currentContext(), clientBuffer);
            this.response = response;
        }

        @Override
        protected void write(StreamFrame frame) {
            try {
                response.write(frame.sse());
            } catch (IllegalStateException closed) {
                // the response has ended; its client is being disconnected
            }
        }

        @Override
        protected boolean writeQueueFull() {
            try {
                return response.writeQueueFull();
            } catch (IllegalStateException closed) {
                return true;
            }
        }

        @Override
        protected void onDrain(Runnable drained) {
            try {
                response.drainHandler(v -> drained.run());
            } catch (IllegalStateException closed) {
                // as above
            }
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setHub(StreamHub hub) {
        this.hub = hub;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** The REST server's port, which names its router. */
    public void setPort(int port) {
        this.port = port;
    }

    public void setClientBuffer(int clientBuffer) {
        this.clientBuffer = clientBuffer;
    }
}
