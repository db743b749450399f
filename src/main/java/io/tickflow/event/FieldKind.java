package io.tickflow.event;

/** How an event field is validated and stored. */
public enum FieldKind {
    /** A short repeated string: a QuestDB SYMBOL. */
    SYMBOL,
    /** Free text. */
    STRING,
    /** An exact decimal, never passed through a double. */
    DECIMAL,
    /** An exact decimal greater than zero (prices, amounts). */
    POSITIVE_DECIMAL,
    /** An ISO-8601 UTC time. */
    TIMESTAMP,
    LONG,
    BOOLEAN,
    /** "buy" or "sell". */
    SIDE
}
