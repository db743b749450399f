package io.tickflow.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * A page's bars as the contract's candle events, one Kafka batch to the candles topic (route
 * backfill-candles-to-kafka), keyed exchange:symbol like the feeds' candles; returns once Kafka
 * has them all. The sinks key candles by (ts, exchange, symbol, interval), so a page published
 * again replaces its rows instead of adding any. A bar whose interval has not ended is published
 * with closed false, as a kline feed does.
 */
public class CandlePublisher implements CamelContextAware {

    private CamelContext camelContext;
    private ProducerTemplate template;

    /** Publishes the bars starting in [from, to); returns how many. */
    public int publish(InstrumentSpec spec, String interval, List<Bar> bars, Instant from, Instant to, Instant receivedTs) {
        MarketEvents events = new MarketEvents(spec.exchange());
        Instrument instrument = new Instrument(spec.rawSymbol(), spec.symbol());
        Duration length = Intervals.duration(interval);
        List<String> values = new ArrayList<>();
        String key = null;
        for (Bar bar : bars) {
            if (bar.start().isBefore(from) || !bar.start().isBefore(to)) {
                continue;
            }
            EventRecord record = events.candle(instrument, bar.start(), receivedTs, interval,
                    bar.candle(),
                    !bar.start().plus(length).isAfter(receivedTs));
            values.add(record.json());
            key = record.key();
        }
        if (!values.isEmpty()) {
            producer().sendBodyAndHeader("direct:backfill-candles", values, "kafka.KEY", key);
        }
        return values.size();
    }

    /** The contract's prices are above zero and its volume zero or more; a bar otherwise is no candle. */
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
