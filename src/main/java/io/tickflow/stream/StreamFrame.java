package io.tickflow.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * One outgoing frame, encoded once as UTF-8 JSON and shared by every client it goes to: a live
 * event reaches its subscribers as the same bytes, never re-encoded per client. The SSE form
 * ({@code data: ...} and a blank line) is made on first use, also once.
 */
final class StreamFrame {

    private static final byte[] DATA_START = "{\"event_type\":\"data\",\"data_type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_FIELD = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_START = "{\"event_type\":\"batch\",\"data\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_START = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] json;
    private final int events;
    private volatile Buffer sse;

    private StreamFrame(byte[] json, int events) {
        this.json = json;
        this.events = events;
    }

    /** A frame that carries no event (subscribed, history, error, notice). */
    static StreamFrame control(String json) {
        return new StreamFrame(json.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** A live event's frame, {"event_type":"data","data_type":...,"data":event}, from the event's JSON as it is. */
    static StreamFrame data(String dataType, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(DATA_START.length + dataType.length() + DATA_FIELD.length + event.length + 1);
        out.writeBytes(DATA_START);
        out.writeBytes(dataType.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DATA_FIELD);
        out.writeBytes(event);
        out.write('}');
        return new StreamFrame(out.toByteArray(), 1);
    }

    /** The data frames of one batch window in one frame: {"event_type":"batch","data":[frame, ...]}. */
    static StreamFrame batch(List<StreamFrame> frames) {
        int size = BATCH_START.length + 2;
        int events = 0;
        for (StreamFrame frame : frames) {
            size += frame.json.length + 1;
            events += frame.events;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(BATCH_START);
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(frames.get(i).json);
        }
        out.write(']');
        out.write('}');
        return new StreamFrame(out.toByteArray(), events);
    }

    /** The UTF-8 JSON; shared, never to be changed. */
    byte[] json() {
        return json;
    }

    /** How many live events the frame carries, counted when it is dropped. */
    int events() {
        return events;
    }

    /** The frame as one Server-Sent Event. */
    Buffer sse() {
        Buffer made = sse;
        if (made == null) {
            made = Buffer.buffer(SSE_START.length + json.length + SSE_END.length).appendBytes(SSE_START).appendBytes(json)
                    .appendBytes(SSE_END);
            sse = made;
        }
        return made;
    }

    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
