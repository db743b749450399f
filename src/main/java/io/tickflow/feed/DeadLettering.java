package io.tickflow.feed;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.tickflow.event.DeadLetter;
import io.tickflow.event.EventRecord;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.FrameNormalizer;
import io.tickflow.venue.ReconnectRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a frame through a normalizer so that nothing escapes: a rejected frame, or any failure of
 * the normalizer, becomes one dead letter with the frame, the feed and the reason.
 * Counts them; logs them only at DEBUG, since a bad feed can send thousands.
 */
public final class DeadLettering {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLettering.class);

    private final String feed;
    private final AtomicLong count = new AtomicLong();

    public DeadLettering(String feed) {
        this.feed = feed;
    }

    /** The events of the frame, none for a control frame, or one dead letter. */
    public List<EventRecord> normalize(FrameNormalizer normalizer, String frame, Instant receivedTs) {
        if (frame == null) {
            return deadLetter("", "message longer than " + FeedListener.MAX_MESSAGE_CHARS + " characters", receivedTs);
        }
        try {
            return normalizer.normalize(frame, receivedTs);
        } catch (BadFrame e) {
            return deadLetter(frame, e.getMessage(), receivedTs);
        } catch (ReconnectRequested e) {
            throw e;
        } catch (RuntimeException e) {
            return deadLetter(frame, "normalizer failed: " + e, receivedTs);
        }
    }

    public long count() {
        return count.get();
    }

    private List<EventRecord> deadLetter(String frame, String reason, Instant receivedTs) {
        count.incrementAndGet();
        LOG.debug("Feed {} dead-lettered a frame: {}", feed, reason);
        return List.of(DeadLetter.ofFrame(feed, frame, reason, receivedTs).toRecord());
    }
}
