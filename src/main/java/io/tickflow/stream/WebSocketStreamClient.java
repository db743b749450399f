package io.tickflow.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A WebSocket client of the stream. Whenever the server closes one, the log says why. */
final class WebSocketStreamClient extends StreamClient {

    static final short TOO_BIG = 1009;
    static final short INVALID_UTF8 = 1007;
    static final short TRY_AGAIN_LATER = 1013;
    private static final short INTERNAL_ERROR = 1011;
    /** A close frame's reason has room for 123 bytes. */
    private static final int MAX_REASON_BYTES = 123;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketStreamClient.class);

    private final ServerWebSocket ws;

    WebSocketStreamClient(ServerWebSocket ws, int capacity) {
        super(Vertx.currentContext(), capacity);
        this.ws = ws;
    }

    /** The frame's shared bytes as they are; one larger than a WebSocket frame may be goes in fragments. */
    @Override
    protected void write(StreamFrame frame) {
        byte[] json = frame.json();
        if (json.length <= HttpServerOptions.DEFAULT_MAX_WEBSOCKET_FRAME_SIZE) {
            ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, json, true));
        } else {
            ws.writeTextMessage(frame.toString());
        }
    }

    @Override
    protected boolean writeQueueFull() {
        try {
            return ws.writeQueueFull();
        } catch (IllegalStateException closed) {
            return true;
        }
    }

    @Override
    protected void onDrain(Runnable drained) {
        try {
            ws.drainHandler(v -> drained.run());
        } catch (IllegalStateException closed) {
            // nothing more goes to a closed socket; its client is being disconnected
        }
    }

    /** Sends a last frame ahead of anything queued, then closes. */
    void refuse(String frame, short status, String why) {
        ws.writeTextMessage(frame);
        closeWith(status, why);
    }

    /** Closes the socket from this side with a status and the reason, in the close frame and the log. */
    void closeWith(short status, String why) {
        if (isClosed() || ws.isClosed()) {
            return;
        }
        close();
        LOG.info("Closing stream WebSocket of {} with status {}: {}", ws.remoteAddress(), status, why);
        ws.close(status, reason(why));
    }

    /** An error of the connection: a frame Netty refused carries the status to close with. */
    void failed(Throwable error) {
        if (isClosed() || ws.isClosed()) {
            return;
        }
        if (error instanceof CorruptedWebSocketFrameException corrupted) {
            closeWith((short) corrupted.closeStatus().code(), corrupted.getMessage());
        } else if (error instanceof IOException) {
            LOG.info("Stream WebSocket of {} failed: {}", ws.remoteAddress(), error.toString());
            close();
            ws.close();
        } else {
            LOG.warn("Stream WebSocket of {} failed", ws.remoteAddress(), error);
            closeWith(INTERNAL_ERROR, "internal error: " + error);
        }
    }

    private static String reason(String why) {
        byte[] bytes = why.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return why;
        }
        String cut = why.substring(0, Math.min(why.length(), MAX_REASON_BYTES));
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
