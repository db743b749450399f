package io.tickflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;

/**
 * Webhook receivers on loopback: one Vert.x server (an event loop per core: the JDK's HttpServer
 * could not take in the bodies of a million events a second) answering 204 on every path, each
 * request recorded in the current {@link WebhookTally}.
 */
final class WebhookReceivers implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final AtomicReference<WebhookTally> tally = new AtomicReference<>(new WebhookTally(0));
    private final HttpServer server;

    WebhookReceivers() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            tally.get().record(request.getHeader("webhook-id"), body.toString(StandardCharsets.ISO_8859_1));
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    int port() {
        return server.actualPort();
    }

    /** Records what arrives from now on in {@code next}. */
    WebhookTally measure(WebhookTally next) {
        tally.set(next);
        return next;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
