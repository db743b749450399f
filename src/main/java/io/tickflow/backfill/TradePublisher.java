package io.tickflow.backfill;

import java.util.List;

/**
 * An answer's trades as one Kafka batch to the trades topic (route backfill-trades-to-kafka),
 * keyed exchange:symbol like the feeds' trades; returns once Kafka has them all. The sinks key
 * trades by their id (QuestDB: ts, exchange, symbol, trade_id; PostgreSQL: exchange, symbol,
 * trade_id), so a trade published again, by a rerun or by the live feed, replaces its row instead
 * of adding one.
 */
public class TradePublisher {

    private KafkaBatchSender sender;

    /** Publishes the trades (of one instrument); returns how many. */
    public int publish(List<PastTrade> trades) {
        if (!trades.isEmpty()) {
            List<String> values = trades.stream().map(t -> t.event().json()).toList();
            sender.send("direct:backfill-trades", values, trades.get(0).event().key());
        }
        return trades.size();
    }

    public void setSender(KafkaBatchSender sender) {
        this.sender = sender;
    }
}
