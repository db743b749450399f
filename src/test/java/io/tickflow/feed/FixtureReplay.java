package io.tickflow.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A recorded fixture run through a normalizer, frame by frame, as a connection would. */
final class FixtureReplay {

    static final Instant RECEIVED = Instant.parse("2026-11-25T12:00:00.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> events = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    int controlFrames;

    static FixtureReplay of(String file, FrameNormalizer normalizer) throws Exception {
        FixtureReplay replay = new FixtureReplay();
        for (String frame : ReplayServer.fixture(file)) {
            try {
                List<FeedRecord> records = normalizer.normalize(frame, RECEIVED);
                if (records.isEmpty()) {
                    replay.controlFrames++;
                }
                for (FeedRecord record : records) {
                    JsonNode event = JSON.readTree(record.json());
                    if (!record.key().equals(event.get("exchange").asText() + ":" + event.get("symbol").asText())) {
                        throw new AssertionError("key " + record.key() + " of " + event);
                    }
                    replay.events.add(event);
                }
            } catch (BadFrame e) {
                replay.rejected.add(e.getMessage());
            }
        }
        return replay;
    }

    long count(String field, String value) {
        return events.stream().filter(e -> e.get(field).asText().equals(value)).count();
    }

    JsonNode first(String field, String value) {
        return events.stream().filter(e -> e.get(field).asText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with " + field + "=" + value));
    }
}
