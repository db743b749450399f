package io.tickflow.venue;

import java.time.Instant;
import java.util.List;

import io.tickflow.event.EventRecord;

/**
 * Turns one raw frame of one connection into normalized events. Control frames (acks, info,
 * heartbeats) give an empty list; a frame that is neither throws {@link BadFrame}. A new
 * normalizer is made per connection, so state such as Bitfinex channel ids never outlives it.
 */
public interface FrameNormalizer {

    List<EventRecord> normalize(String frame, Instant receivedTs);
}
