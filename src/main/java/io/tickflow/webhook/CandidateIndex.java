package io.tickflow.webhook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which subscription groups an event could match, so the intake runs {@link EventFilter} only
 * for those: a group whose filters require a `name` (else a `symbol`) is found by the event's
 * value of that field; a group without either is a candidate for every event. Only a necessary
 * condition: the filter still decides. With 100 subscriptions each filtered to its own tickers,
 * matching every event against every filter was most of the intake's CPU.
 */
final class CandidateIndex<G> {

    private static final List<String> INDEXED = List.of("name", "symbol");

    private final List<G> everywhere = new ArrayList<>();
    private final Map<String, Map<String, List<G>>> byField = new HashMap<>();

    /** {@code filters}: a group's filters as stored ({"name": "x"} or {"name": ["x", "y"]}, ...). */
    CandidateIndex(Collection<G> groups, Function<G, JsonNode> filters) {
        for (G group : groups) {
            JsonNode f = filters.apply(group);
            String field = f == null ? null : INDEXED.stream().filter(name -> f.hasNonNull(name)).findFirst().orElse(null);
            if (field == null) {
                everywhere.add(group);
                continue;
            }
            Map<String, List<G>> byValue = byField.computeIfAbsent(field, name -> new HashMap<>());
            JsonNode values = f.get(field);
            for (JsonNode value : values.isArray() ? values : List.of(values)) {
                List<G> at = byValue.computeIfAbsent(value.asText(), v -> new ArrayList<>());
                if (at.isEmpty() || at.get(at.size() - 1) != group) {
                    at.add(group);
                }
            }
        }
    }

    /** The groups that may match the event. */
    List<G> candidates(JsonNode event) {
        if (byField.isEmpty()) {
            return everywhere;
        }
        List<G> candidates = new ArrayList<>(everywhere);
        for (Map.Entry<String, Map<String, List<G>>> field : byField.entrySet()) {
            JsonNode value = event.get(field.getKey());
            if (value != null) {
                candidates.addAll(field.getValue().getOrDefault(value.asText(), List.of()));
            }
        }
        return candidates;
    }
}
