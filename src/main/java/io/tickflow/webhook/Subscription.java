package io.tickflow.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.event.EventTime;

/**
 * A webhook subscription as stored; status is active, paused or disabled; batchMaxEvents is null
 * for one event per request.
 */
public record Subscription(String id, String url, List<String> eventTypes, String filters, String description,
        Integer batchMaxEvents, String secret, String status, String disabledReason, Instant failingSince,
        Instant createdAt, Instant updatedAt) {

    /** What the API shows; the secret only when it was just created. */
    public Map<String, Object> view(boolean withSecret) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("url", url);
        view.put("eventTypes", eventTypes);
        view.put("filters", SubscriptionRequests.tree(filters));
        view.put("description", description);
        view.put("batch", batchMaxEvents == null ? null : Map.of("maxEvents", batchMaxEvents));
        view.put("status", status);
        if (disabledReason != null) {
            view.put("disabledReason", disabledReason);
        }
        if (failingSince != null) {
            view.put("failingSince", EventTime.format(failingSince));
        }
        if (withSecret) {
            view.put("secret", secret);
        }
        view.put("createdAt", EventTime.format(createdAt));
        view.put("updatedAt", EventTime.format(updatedAt));
        return view;
    }
}
