package io.tickflow.instrument;

import java.util.Optional;

/** Finds an exchange's instrument by the exchange's own symbol (the registry, or nothing). */
@FunctionalInterface
public interface InstrumentLookup {

    /** Knows no instrument: every symbol goes by the built-in rules. */
    InstrumentLookup NONE = (exchange, rawSymbol) -> Optional.empty();

    Optional<InstrumentSpec> find(String exchange, String rawSymbol);
}
