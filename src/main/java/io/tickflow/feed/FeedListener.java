package io.tickflow.feed;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Reassembles text messages of one connection from their fragments (the JDK client has no
 * message size limit to raise; exchanges send single frames of 700 KB) and reports each whole
 * message, and the end of the connection, with the connection's generation.
 */
final class FeedListener implements WebSocket.Listener {

    /** Far above the largest frame seen (709 KB); a bigger one is a runaway, not market data. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

    private final int generation;
    private final BiConsumer<Integer, String> onMessage;
    private final BiConsumer<Integer, String> onLost;
    private final StringBuilder message = new StringBuilder();
    private boolean oversized;

    FeedListener(int generation, BiConsumer<Integer, String> onMessage, BiConsumer<Integer, String> onLost) {
        this.generation = generation;
        this.onMessage = onMessage;
        this.onLost = onLost;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        if (message.length() + data.length() > MAX_MESSAGE_CHARS) {
            oversized = true;
            message.setLength(0);
        } else if (!oversized) {
            message.append(data);
        }
        if (last) {
            String text = oversized ? null : message.toString();
            message.setLength(0);
            oversized = false;
            onMessage.accept(generation, text);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        if (last) {
            onMessage.accept(generation, "");
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        onLost.accept(generation, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        onLost.accept(generation, "connection error: " + error);
    }
}
