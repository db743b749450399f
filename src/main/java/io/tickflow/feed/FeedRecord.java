package io.tickflow.feed;

/**
 * One record a feed publishes: its type (trade, quote, liquidation, candle, gap, deadletter),
 * the Kafka key (exchange:symbol, or the feed name for status and dead letters) and its JSON.
 */
public record FeedRecord(String type, String key, String json) {

    public static final String DEAD_LETTER = "deadletter";
    public static final String GAP = "gap";
}
