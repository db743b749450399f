package io.tickflow.instrument;

import java.util.Locale;

/** What an instrument is; options are left out. */
public enum InstrumentType {
    SPOT,
    /** A perpetual swap: no expiry. */
    PERPETUAL,
    /** A dated future: settles at its expiry. */
    FUTURE;

    /** As written in the instruments table and the registry cache: spot, perpetual, future. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InstrumentType fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
