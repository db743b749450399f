package io.tickflow.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server answers itself, in the JSON of the REST routes' errors
 * ({@code {"error","message","status"}}, as io.tickflow.api.ApiErrors): no route for the path
 * (404), a path without that method (405 with {@code Allow}; OPTIONS there is a 204 with
 * {@code Allow}), a body over camel.server.max-body-size (413), a request Vert.x cannot parse (400,
 * 414, 431), a handler's failure (500, logged with its cause). Never HTML or a stack trace.
 */
final class HttpErrorAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorAnswers.class);

    /** Names where the reason phrase reads badly or differs from the REST routes' errors. */
    private static final Map<Integer, String> ERRORS = Map.of(413, "body_too_large", 414, "uri_too_long",
            431, "headers_too_large", 500, "internal_error");

    private final Router routes;
    private final Long maxBodyBytes;
    private final HttpServerOptions options;

    /** {@code routes}: the router whose paths a 405 lists the methods of. */
    HttpErrorAnswers(Router routes, Long maxBodyBytes, HttpServerOptions options) {
        this.routes = routes;
        this.maxBodyBytes = maxBodyBytes;
        this.options = options;
    }

    /** Answers every error status the root router would otherwise answer itself. */
    void answerFor(Router root) {
        for (int status = 400; status < 600; status++) {
            int code = status;
            root.errorHandler(code, ctx -> answer(ctx, code));
        }
    }

    /** A request Vert.x could not decode never reaches the router; the connection is closed after it, as Vert.x does. */
    void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "The request line (method, path and query) is longer than " + options.getMaxInitialLineLength() + " bytes";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "The request headers are larger than " + options.getMaxHeaderSize() + " bytes";
        } else {
            status = 400;
            message = "The request is not valid HTTP";
        }
        HttpServerResponse response = request.response();
        send(response, status, message);
        response.close();
    }

    private void answer(RoutingContext ctx, int status) {
        HttpServerResponse response = ctx.response();
        if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), printablePath(ctx), ctx.failure());
        }
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // part of the answer is out: an error cannot follow it, and closing tells the client it is cut short
            response.close();
            return;
        }
        Set<HttpMethod> allowed = status == 405 ? AllowedMethods.on(routes, ctx.normalizedPath()) : Set.of();
        if (!allowed.isEmpty()) {
            response.putHeader(HttpHeaders.ALLOW, AllowedMethods.allowHeader(allowed));
            if (ctx.request().method() == HttpMethod.OPTIONS) {
                response.setStatusCode(204).end();
                return;
            }
        }
        send(response, status, message(ctx, status, allowed));
    }

    private String message(RoutingContext ctx, int status, Set<HttpMethod> allowed) {
        return switch (status) {
            case 400 -> "The request is malformed: " + malformed(ctx.failure());
            case 404 -> "Nothing is served at " + printablePath(ctx);
            case 405 -> ctx.request().method().name() + " is not allowed on " + printablePath(ctx)
                    + (allowed.isEmpty() ? "" : "; allowed: " + AllowedMethods.allowHeader(allowed));
            case 413 -> "The request body is larger than " + maxBodyBytes + " bytes (tickflow.http.max-body-bytes)";
            case 500 -> "The request failed inside Tickflow; the server log has the details.";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }

    /** Vert.x's reason when it gave one (an HttpException's is its payload), else the usual one. */
    private static String malformed(Throwable failure) {
        String reason = failure instanceof HttpException http ? http.getPayload() : failure == null ? null : failure.getMessage();
        return reason == null || reason.isBlank() ? "a path or query that is not valid percent-encoding, for instance"
                : RequestParameters.printable(reason);
    }

    private static String printablePath(RoutingContext ctx) {
        return RequestParameters.printable(String.valueOf(ctx.request().path()));
    }

    private static void send(HttpServerResponse response, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ERRORS.getOrDefault(status,
                HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_")));
        body.put("message", message);
        body.put("status", status);
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject(body).encode());
    }
}
