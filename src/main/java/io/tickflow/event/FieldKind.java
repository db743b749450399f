package io.tickflow.event;

/** How an event field is written, validated and stored. */
public enum FieldKind {
    /** A short repeated string: a QuestDB SYMBOL. */
    SYMBOL,
    /** Free text. */
    STRING,
    /** An exact decimal, never passed through a double; on the wire a JSON string of its plain value ("0.35280000"). */
    DECIMAL,
    /** An exact decimal greater than zero (prices, amounts). */
    POSITIVE_DECIMAL,
    /** An ISO-8601 UTC time with exactly six fractional digits. */
    TIMESTAMP,
    LONG,
    BOOLEAN,
    /** "buy" or "sell". */
    SIDE;

    /** Prices, amounts and counts: what a webhook filter can compare. */
    public boolean isNumeric() {
        return this == DECIMAL || this == POSITIVE_DECIMAL || this == LONG;
    }
}
