package io.tickflow.sink;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.simulator.Tick;
import org.apache.camel.Exchange;

/** Turns a batch of Kafka records (one exchange each) into ticks and into rows for camel-sql. */
public class TickBatch {

    public List<Tick> parse(List<Exchange> records) {
        return records.stream().map(record -> Tick.parse(record.getMessage().getBody(String.class))).toList();
    }

    public List<Map<String, Object>> toRows(List<Tick> ticks) {
        return ticks.stream().map(tick -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", tick.name());
            row.put("time", tick.time().atOffset(ZoneOffset.UTC));
            row.put("value", tick.value());
            return row;
        }).toList();
    }
}
