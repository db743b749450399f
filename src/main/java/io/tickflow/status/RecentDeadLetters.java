package io.tickflow.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * The newest dead letters this instance has seen on the dead-letter topic (source, reason, time),
 * for GET /api/status; the payloads stay on Kafka. Kept in memory: a restart starts empty.
 */
public class RecentDeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REASON_LENGTH = 300;

    private final Deque<Map<String, Object>> recent = new ArrayDeque<>();
    private int capacity = 10;

    /** Takes a polled batch of dead-letter records. */
    public void add(List<Exchange> records) {
        for (Exchange record : records) {
            JsonNode letter;
            try {
                letter = JSON.readTree(record.getMessage().getBody(byte[].class));
            } catch (Exception e) {
                continue;
            }
            if (letter == null || !letter.isObject()) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("time", letter.path("receivedTs").asText(null));
            entry.put("source", letter.path("source").asText(null));
            String reason = letter.path("reason").asText("");
            entry.put("reason", reason.length() > REASON_LENGTH ? reason.substring(0, REASON_LENGTH) + "..." : reason);
            synchronized (recent) {
                recent.addFirst(entry);
                while (recent.size() > capacity) {
                    recent.removeLast();
                }
            }
        }
    }

    /** Newest first. */
    public List<Map<String, Object>> newest() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }
}
