package io.tickflow.event;

/**
 * One event as it goes to Kafka: its type (trade, quote, liquidation, candle, gap, deadletter),
 * the Kafka key (exchange:symbol, or the feed's name for gaps and dead letters) and its JSON.
 */
public record EventRecord(String type, String key, String json) {

    public static final String DEAD_LETTER = "deadletter";
    public static final String GAP = "gap";
}
