package io.tickflow.instrument;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The instruments of each venue in memory, by the venue's own symbol. A venue's list is replaced
 * whole, so a lookup sees the old list or the new one, never half of each; a venue never loaded
 * (no endpoint answered and no cache) knows nothing, and its symbols go by the built-in rules.
 */
public final class InstrumentRegistry implements InstrumentLookup {

    private final Map<String, Map<String, InstrumentSpec>> venues = new ConcurrentHashMap<>();

    @Override
    public Optional<InstrumentSpec> find(String exchange, String rawSymbol) {
        Map<String, InstrumentSpec> venue = venues.get(exchange);
        return venue == null ? Optional.empty() : Optional.ofNullable(venue.get(rawSymbol));
    }

    /** Whether a venue's instruments are loaded: only then can a symbol be said not to exist. */
    public boolean knowsVenue(String exchange) {
        return venues.containsKey(exchange);
    }

    public void replace(String exchange, List<InstrumentSpec> instruments) {
        venues.put(exchange, Map.copyOf(instruments.stream()
                .collect(Collectors.toMap(InstrumentSpec::rawSymbol, Function.identity(), (a, b) -> b))));
    }

    public Collection<InstrumentSpec> instruments(String exchange) {
        return venues.getOrDefault(exchange, Map.of()).values();
    }
}
