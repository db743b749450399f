package io.tickflow.instrument;

/** What an instrument is; options are left out. */
public enum InstrumentType {
    SPOT,
    /** A perpetual swap: no expiry. */
    PERPETUAL,
    /** A dated future: settles at its expiry. */
    FUTURE
}
