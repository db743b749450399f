package io.tickflow.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentSpec;

/**
 * A page's bars as the contract's candle events, one Kafka batch to the candles topic (route
 * backfill-candles-to-kafka), keyed exchange:symbol like the feeds' candles; returns once Kafka
 * has them all. The sinks key candles by (ts, exchange, symbol, interval), so a page published
 * again replaces its rows instead of adding any. A bar whose interval has not ended is published
 * with closed false, as a kline feed does.
 */
public class CandlePublisher {

    private KafkaBatchSender sender;

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
            sender.send("direct:backfill-candles", values, key);
        }
        return values.size();
    }

    public void setSender(KafkaBatchSender sender) {
        this.sender = sender;
    }
}
