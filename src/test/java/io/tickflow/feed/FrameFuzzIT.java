package io.tickflow.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventRecord;
import io.tickflow.venue.FrameNormalizer;
import io.tickflow.venue.ReconnectRequested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated fixture frames (truncated, values replaced by null/NaN/negative/zero/garbage, keys
 * removed, characters flipped): nothing escapes the normalizers, a truncated frame is always
 * a dead letter, and whatever is accepted still satisfies the event contract.
 */
class FrameFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BAD_VALUES = List.of("null", "NaN", "-1", "0", "\"\"", "\"abc\"", "\"-5.5\"", "\"0\"",
            "1e400", "{}", "[]", "true", "\"NaN\"", "-0.0000001");
    private final Random random = new Random(20261125);
    private int cases;
    private int deadLetters;

    @Test
    void mutatedFramesAreDeadLetteredOrStillValidEvents() throws Exception {
        for (var fixture : FixtureReplay.FIXTURES.entrySet()) {
            FrameNormalizer normalizer = fixture.getValue().get();
            DeadLettering dead = new DeadLettering("fuzz");
            List<String> frames = ReplayServer.fixture(fixture.getKey());
            frames.forEach(frame -> dead.normalize(normalizer, frame, Instant.now()));
            for (String frame : frames) {
                for (int i = 0; i < 3; i++) {
                    check(dead, normalizer, frame.substring(0, 1 + random.nextInt(frame.length() - 1)), true);
                    check(dead, normalizer, replaceLeaf(frame), false);
                    check(dead, normalizer, removeKey(frame), false);
                    check(dead, normalizer, flipCharacter(frame), false);
                }
            }
        }
        assertTrue(cases > 10_000, cases + " cases");
        assertTrue(deadLetters > cases / 4, deadLetters + " dead letters of " + cases);
    }

    private void check(DeadLettering dead, FrameNormalizer normalizer, String frame, boolean mustBeRejected) throws Exception {
        cases++;
        long before = dead.count();
        List<EventRecord> records;
        try {
            records = dead.normalize(normalizer, frame, Instant.now());
        } catch (ReconnectRequested e) {
            return;
        }
        if (dead.count() > before) {
            deadLetters++;
            assertEquals(1, records.size(), frame);
            JsonNode letter = JSON.readTree(records.get(0).json());
            assertEquals(frame, letter.get("payload").asText());
            assertTrue(!letter.get("reason").asText().isBlank());
            assertTrue(!letter.get("reason").asText().startsWith("normalizer failed"), "an unexpected exception: " + letter);
            return;
        }
        assertTrue(!mustBeRejected, "a truncated frame was accepted: " + frame);
        for (EventRecord record : records) {
            assertContract(JSON.readTree(record.json()), frame);
        }
    }

    private static void assertContract(JsonNode e, String frame) {
        String why = e + " from " + frame;
        assertTrue(e.get("symbol").asText().matches("[A-Z0-9]+-[A-Z0-9]+"), why);
        Instant.parse(e.get("ts").asText());
        switch (e.get("type").asText()) {
            case "trade", "liquidation" -> {
                assertTrue(List.of("buy", "sell").contains(e.get("side").asText()), why);
                positive(e, "price", why);
                positive(e, "amount", why);
            }
            case "quote" -> {
                positive(e, "bidPrice", why);
                positive(e, "askPrice", why);
                assertTrue(e.get("bidSize").isNull() || new BigDecimal(e.get("bidSize").asText()).signum() >= 0, why);
            }
            case "candle" -> {
                for (String f : List.of("open", "high", "low", "close")) {
                    positive(e, f, why);
                }
                assertTrue(new BigDecimal(e.get("volume").asText()).signum() >= 0, why);
            }
            default -> throw new AssertionError("unknown type " + why);
        }
    }

    private static void positive(JsonNode e, String field, String why) {
        assertTrue(new BigDecimal(e.get(field).asText()).signum() > 0, field + " " + why);
    }

    private String replaceLeaf(String frame) throws Exception {
        JsonNode root = JSON.readTree(frame);
        List<ContainerNode<?>> parents = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        collectLeaves(root, parents, keys);
        if (parents.isEmpty()) {
            return frame;
        }
        int pick = random.nextInt(parents.size());
        if (parents.get(pick) instanceof ObjectNode o) {
            o.put((String) keys.get(pick), "__BAD__");
        } else {
            ((ArrayNode) parents.get(pick)).set((Integer) keys.get(pick), "__BAD__");
        }
        // raw text, so that tokens Jackson would never write (NaN, 1e400) reach the normalizer
        return JSON.writeValueAsString(root).replace("\"__BAD__\"", BAD_VALUES.get(random.nextInt(BAD_VALUES.size())));
    }

    private void collectLeaves(JsonNode node, List<ContainerNode<?>> parents, List<Object> keys) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    parents.add(o);
                    keys.add(f.getKey());
                } else {
                    collectLeaves(f.getValue(), parents, keys);
                }
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isValueNode()) {
                    parents.add(a);
                    keys.add(i);
                } else {
                    collectLeaves(a.get(i), parents, keys);
                }
            }
        }
    }

    private String removeKey(String frame) throws Exception {
        JsonNode root = JSON.readTree(frame);
        List<ContainerNode<?>> parents = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        collectLeaves(root, parents, keys);
        int pick = parents.isEmpty() ? -1 : random.nextInt(parents.size());
        if (pick < 0) {
            return frame;
        }
        if (parents.get(pick) instanceof ObjectNode o) {
            o.remove((String) keys.get(pick));
        } else {
            ((ArrayNode) parents.get(pick)).remove((Integer) keys.get(pick));
        }
        return JSON.writeValueAsString(root);
    }

    private String flipCharacter(String frame) {
        char[] chars = frame.toCharArray();
        String replacements = "{}[]\",:09.eE -x";
        chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
        return new String(chars);
    }
}
