package io.tickflow.stream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.Await;

/** A WebSocket client of /api/stream that keeps every frame; a "slow" one reads nothing until told. */
final class StreamTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private final boolean reading;

    StreamTestClient(URI uri, boolean reading) {
        this.reading = reading;
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener()).join();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Starts reading, for a client created not reading. */
    void startReading() {
        socket.request(1);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
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

    @Override
    public void close() {
        socket.abort();
    }
}
