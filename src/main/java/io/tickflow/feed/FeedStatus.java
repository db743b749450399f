package io.tickflow.feed;

import java.time.Instant;

/** A feed's connection state, the time of its last data and how often it reconnected. */
public record FeedStatus(String feed, State state, Instant lastDataAt, long reconnects) {

    public enum State {
        /** First connection under way. */
        CONNECTING,
        CONNECTED,
        /** Lost, waiting out its backoff or connecting again. */
        RECONNECTING,
        STOPPED
    }
}
