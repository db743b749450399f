package io.tickflow.backfill;

import java.util.List;

import io.tickflow.event.EventRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * An answer's trades as one Kafka batch to the trades topic (route backfill-trades-to-kafka),
 * keyed exchange:symbol like the feeds' trades; returns once Kafka has them all. The sinks key
 * trades by their id (QuestDB: ts, exchange, symbol, trade_id; PostgreSQL: exchange, symbol,
 * trade_id), so a trade published again, by a rerun or by the live feed, replaces its row instead
 * of adding one.
 */
public class TradePublisher implements CamelContextAware {

    private CamelContext camelContext;
    private ProducerTemplate template;

    /** Publishes the trades (of one instrument); returns how many. */
    public int publish(List<PastTrade> trades) {
        if (!trades.isEmpty()) {
            List<String> values = trades.stream().map(t -> t.event().json()).toList();
            producer().sendBodyAndHeader("direct:backfill-trades", values, "kafka.KEY", trades.get(0).event().key());
        }
        return trades.size();
    }

    private synchronized ProducerTemplate producer() {
        if (template == null) {
            template = camelContext.createProducerTemplate();
        }
        return template;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
