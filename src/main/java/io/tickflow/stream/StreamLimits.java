package io.tickflow.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one client may ask of the stream, so that no client can slow the others
 * (tickflow.stream.max-* in application.properties). A client over a limit is told which one by an
 * error frame naming its property: {"event_type":"error","field":...,"limit":...,"message":...}.
 */
public class StreamLimits {

    static final String CONNECTIONS = "tickflow.stream.max-connections";
    static final String SUBSCRIPTIONS = "tickflow.stream.max-subscriptions-per-connection";
    static final String HISTORY_IN_FLIGHT = "tickflow.stream.max-history-in-flight-per-connection";
    static final String FRAME_BYTES = "tickflow.stream.max-frame-bytes";
    static final String FRAMES_PER_SECOND = "tickflow.stream.max-frames-per-second";

    private int maxConnections = 1000;
    private int maxSubscriptionsPerConnection = 100;
    private int maxHistoryInFlightPerConnection = 4;
    private int maxFrameBytes = 8192;
    private int maxFramesPerSecond = 100;

    /** An error frame for a request refused by the limit of this property. */
    static String error(String field, String property, String message) {
        ObjectNode frame = StreamHub.JSON.createObjectNode();
        frame.put("event_type", "error");
        frame.put("field", field);
        frame.put("limit", property);
        frame.put("message", message);
        return frame.toString();
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getMaxSubscriptionsPerConnection() {
        return maxSubscriptionsPerConnection;
    }

    public void setMaxSubscriptionsPerConnection(int maxSubscriptionsPerConnection) {
        this.maxSubscriptionsPerConnection = maxSubscriptionsPerConnection;
    }

    public int getMaxHistoryInFlightPerConnection() {
        return maxHistoryInFlightPerConnection;
    }

    public void setMaxHistoryInFlightPerConnection(int maxHistoryInFlightPerConnection) {
        this.maxHistoryInFlightPerConnection = maxHistoryInFlightPerConnection;
    }

    public int getMaxFrameBytes() {
        return maxFrameBytes;
    }

    public void setMaxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public int getMaxFramesPerSecond() {
        return maxFramesPerSecond;
    }

    public void setMaxFramesPerSecond(int maxFramesPerSecond) {
        this.maxFramesPerSecond = maxFramesPerSecond;
    }
}
