package io.tickflow.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * A local stand-in for an exchange's WebSocket endpoint. It answers pings the way the exchange
 * does, and replays a recorded fixture, line by line, the first time a subscription message of
 * the connection contains that fixture's token (e.g. "@aggTrade", "trade:"). Tests can drop
 * every connection, make the server go silent (accept, ack nothing, send nothing), or delay
 * the handshake.
 */
public final class ReplayServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, List<String>> fixturesByToken = new LinkedHashMap<>();
    private final Set<ServerWebSocket> live = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final HttpServer server;
    private volatile boolean silent;
    private volatile long handshakeDelayMs;

    private ReplayServer(Map<String, String> fixtureFileByToken) throws Exception {
        fixtureFileByToken.forEach((token, file) -> fixturesByToken.put(token, fixture(file)));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 24);
        server = vertx.createHttpServer(options).webSocketHandler(this::accept);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server replaying, for each token found in a subscription message, that fixture file. */
    public static ReplayServer start(Map<String, String> fixtureFileByToken) throws Exception {
        return new ReplayServer(fixtureFileByToken);
    }

    /** Recorded frames of src/test/resources/exchanges/{file}, one per line. */
    public static List<String> fixture(String file) {
        try {
            return Files.readAllLines(Path.of("src/test/resources/exchanges", file), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "ws://127.0.0.1:" + server.actualPort() + path;
    }

    private void accept(ServerWebSocket ws) {
        handshakes.incrementAndGet();
        if (handshakeDelayMs > 0) {
            Promise<Integer> handshake = Promise.promise();
            ws.setHandshake(handshake.future());
            vertx.setTimer(handshakeDelayMs, id -> handshake.tryComplete(101));
        }
        live.add(ws);
        ws.closeHandler(v -> live.remove(ws));
        // exchanges such as Binance ping and cut clients that do not pong
        ws.pongHandler(data -> pongs.incrementAndGet());
        vertx.setTimer(handshakeDelayMs + 1, id -> ws.writePing(Buffer.buffer("are you there")));
        Set<String> replayed = ConcurrentHashMap.newKeySet();
        ws.textMessageHandler(message -> {
            received.add(message);
            String pong = pong(message);
            if (pong != null) {
                ws.writeTextMessage(pong);
            } else if (!silent) {
                replay(ws, message, replayed);
            }
        });
    }

    private static String pong(String message) {
        if (message.equals("ping")) {
            return "pong";
        }
        if (message.contains("\"event\":\"ping\"")) {
            return "{\"event\":\"pong\"}";
        }
        return null;
    }

    private void replay(ServerWebSocket ws, String subscription, Set<String> replayed) {
        if (subscription.contains("\"SUBSCRIBE\"")) {
            ws.writeTextMessage("{\"result\":null,\"id\":1}");
        }
        fixturesByToken.forEach((token, frames) -> {
            if (subscription.contains(token) && replayed.add(token)) {
                frames.forEach(frame -> {
                    if (!silent) {
                        ws.writeTextMessage(frame);
                    }
                });
            }
        });
    }

    /** Closes every open connection, as an exchange restarting a gateway does. */
    public void dropConnections() {
        live.forEach(ws -> ws.close((short) 1001, "going away"));
    }

    /** From now on: accept connections and subscriptions, send nothing. */
    public void goSilent(boolean silent) {
        this.silent = silent;
    }

    public void delayHandshakes(long millis) {
        this.handshakeDelayMs = millis;
    }

    /** WebSocket handshakes started since start. */
    public int handshakes() {
        return handshakes.get();
    }

    /** WebSocket pongs clients sent back to the ping the server sends on connect. */
    public int pongs() {
        return pongs.get();
    }

    public int liveConnections() {
        return live.size();
    }

    /** Every text message clients sent, in arrival order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
