package io.tickflow.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

/**
 * Turns the frames a WebSocket client sends into whole text messages, within the client's limits:
 * a message over {@code max-frame-bytes} (once decompressed, all fragments together) closes the
 * socket with 1009, invalid UTF-8 with 1007; messages beyond {@code max-frames-per-second} are
 * dropped unread, with one error frame a second saying so; a binary message gets an error frame.
 * Vert.x's own text handler would accept 256 KiB and turn bad UTF-8 into replacement characters.
 */
final class InboundFrames implements Handler<WebSocketFrame> {

    private static final long SECOND = 1_000_000_000L;

    private final WebSocketStreamClient client;
    private final StreamLimits limits;
    private final Consumer<String> messages;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    private Buffer message;
    private boolean text;
    private long windowStart = System.nanoTime();
    private int inWindow;

    InboundFrames(WebSocketStreamClient client, StreamLimits limits, Consumer<String> messages) {
        this.client = client;
        this.limits = limits;
        this.messages = messages;
    }

    @Override
    public void handle(WebSocketFrame frame) {
        switch (frame.type()) {
            case TEXT, BINARY -> {
                text = frame.isText();
                message = frame.binaryData().copy();
            }
            case CONTINUATION -> {
                if (message == null) {
                    return;
                }
                message.appendBuffer(frame.binaryData());
            }
            default -> {
                return;
            }
        }
        if (message.length() > limits.getMaxFrameBytes()) {
            message = null;
            client.closeWith(WebSocketStreamClient.TOO_BIG, "a frame of over " + limits.getMaxFrameBytes() + " bytes ("
                    + StreamLimits.FRAME_BYTES + ")");
            return;
        }
        if (!frame.isFinal()) {
            return;
        }
        Buffer whole = message;
        message = null;
        if (!withinRate()) {
            return;
        }
        if (!text) {
            client.send(StreamHub.error("frame", "frames must be JSON text, not binary"));
            return;
        }
        String decoded;
        try {
            decoded = utf8.decode(ByteBuffer.wrap(whole.getBytes())).toString();
        } catch (CharacterCodingException e) {
            client.closeWith(WebSocketStreamClient.INVALID_UTF8, "a text frame that is not valid UTF-8");
            return;
        }
        messages.accept(decoded);
    }

    /** Counts a message in this second's window; tells the client once a window when it is over. */
    private boolean withinRate() {
        long now = System.nanoTime();
        if (now - windowStart >= SECOND) {
            windowStart = now;
            inWindow = 0;
        }
        inWindow++;
        if (inWindow == limits.getMaxFramesPerSecond() + 1) {
            client.send(StreamLimits.error("frame", StreamLimits.FRAMES_PER_SECOND, "at most "
                    + limits.getMaxFramesPerSecond() + " frames a second; the frames over it this second are dropped unread"));
        }
        return inWindow <= limits.getMaxFramesPerSecond();
    }
}
