package io.tickflow.stream;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.tickflow.testing.Await;

/**
 * A Vert.x WebSocket client of /api/stream that keeps every frame and the close status. Unlike the
 * JDK client it can offer permessage-deflate, as browsers, Python websockets and Node ws do, and
 * send frames the JDK client cannot (invalid UTF-8).
 */
final class VertxStreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocketClient client;
    private final WebSocket socket;
    private volatile boolean closed;
    private volatile String extensions;

    private VertxStreamClient(URI uri, boolean compressing) throws Exception {
        // the server may send frames up to its own limits; the client must not be the one refusing
        client = VERTX.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(compressing)
                .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath());
        CompletableFuture<WebSocket> connected = new CompletableFuture<>();
        // the handshake's headers are only there while the connect handler runs
        client.connect(options, result -> {
            if (result.failed()) {
                connected.completeExceptionally(result.cause());
                return;
            }
            WebSocket ws = result.result();
            extensions = String.valueOf(ws.headers().get("Sec-WebSocket-Extensions"));
            ws.textMessageHandler(text -> {
                try {
                    frames.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + text, e);
                }
            });
            ws.closeHandler(v -> closed = true);
            connected.complete(ws);
        });
        socket = connected.get(10, TimeUnit.SECONDS);
    }

    static VertxStreamClient connect(URI uri, boolean compressing) throws Exception {
        return new VertxStreamClient(uri, compressing);
    }

    /** The extensions the server accepted in the handshake, e.g. "permessage-deflate". */
    String extensions() {
        return extensions;
    }

    void send(String frame) throws Exception {
        socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A text frame of these bytes as they are, valid UTF-8 or not. */
    void sendTextBytes(byte[] bytes) throws Exception {
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    List<JsonNode> frames() {
        return new ArrayList<>(frames);
    }

    List<JsonNode> frames(String eventType) {
        return frames.stream().filter(f -> f.path("event_type").asText().equals(eventType)).toList();
    }

    JsonNode awaitFrame(String what, Predicate<JsonNode> wanted) throws Exception {
        Await.until(Duration.ofSeconds(30), what, () -> frames.stream().anyMatch(wanted));
        return frames.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Waits until the server has closed the socket; returns its close status code. */
    short awaitClosed() throws Exception {
        Await.until(Duration.ofSeconds(30), "the server to close the socket", () -> closed);
        return socket.closeStatusCode() == null ? -1 : socket.closeStatusCode();
    }

    Short closeStatus() {
        return socket.closeStatusCode();
    }

    String closeReason() {
        return socket.closeReason();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws Exception {
        if (!closed) {
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        client.close();
    }
}
