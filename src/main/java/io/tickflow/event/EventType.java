package io.tickflow.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.tickflow.event.EventField.optional;
import static io.tickflow.event.EventField.required;
import static io.tickflow.event.FieldKind.BOOLEAN;
import static io.tickflow.event.FieldKind.DECIMAL;
import static io.tickflow.event.FieldKind.LONG;
import static io.tickflow.event.FieldKind.POSITIVE_DECIMAL;
import static io.tickflow.event.FieldKind.SIDE;
import static io.tickflow.event.FieldKind.STRING;
import static io.tickflow.event.FieldKind.SYMBOL;
import static io.tickflow.event.FieldKind.TIMESTAMP;

/**
 * The event contract (docs/events.md) as data: each type's name on the wire, its fields in the
 * order they are written, their JSON names, columns and kinds, and the field holding the event
 * time (QuestDB's designated timestamp). Every writer ({@link EventWriter}) and reader
 * ({@link EventParser}, the sinks, the stream's history, the webhook filters) goes by this table
 * instead of by hand-written code per type; resources/schemas/ publishes it.
 */
public enum EventType {

    TICK(null, "time", 2, List.of(
            required("name", "name", SYMBOL),
            required("value", "value", LONG))),
    TRADE("trade", "ts", 3, market(
            required("side", "side", SIDE),
            required("price", "price", POSITIVE_DECIMAL),
            required("amount", "amount", POSITIVE_DECIMAL),
            required("tradeId", "trade_id", STRING))),
    QUOTE("quote", "ts", 3, market(
            required("bidPrice", "bid_price", DECIMAL),
            optional("bidSize", "bid_size", DECIMAL),
            required("askPrice", "ask_price", DECIMAL),
            optional("askSize", "ask_size", DECIMAL))),
    LIQUIDATION("liquidation", "ts", 3, market(
            required("side", "side", SIDE),
            required("price", "price", POSITIVE_DECIMAL),
            required("amount", "amount", POSITIVE_DECIMAL),
            optional("orderStatus", "order_status", SYMBOL))),
    CANDLE("candle", "ts", 3, market(
            required("interval", "interval", SYMBOL),
            required("open", "open", POSITIVE_DECIMAL),
            required("high", "high", POSITIVE_DECIMAL),
            required("low", "low", POSITIVE_DECIMAL),
            required("close", "close", POSITIVE_DECIMAL),
            required("volume", "volume", DECIMAL),
            required("closed", "closed", BOOLEAN)));

    private final String wireName;
    private final String timeField;
    private final List<EventField> fields;
    private final List<EventField> wireFields;

    /** timeAt: the time field's place among the fields on the wire (a market event's after its rawSymbol). */
    EventType(String wireName, String timeField, int timeAt, List<EventField> fields) {
        this.wireName = wireName;
        this.timeField = timeField;
        this.fields = fields;
        List<EventField> wire = new ArrayList<>(fields);
        wire.add(timeAt, required(timeField, timeField, TIMESTAMP));
        this.wireFields = List.copyOf(wire);
    }

    /** The fields every market event has, then the type's own. */
    private static List<EventField> market(EventField... own) {
        List<EventField> all = new ArrayList<>(List.of(
                required("exchange", "exchange", SYMBOL),
                required("symbol", "symbol", SYMBOL),
                optional("rawSymbol", "raw_symbol", SYMBOL),
                required("receivedTs", "received_ts", TIMESTAMP)));
        all.addAll(List.of(own));
        return List.copyOf(all);
    }

    /** The type named by an event's "type" field; events without one are simulator ticks. */
    public static Optional<EventType> fromWire(String type) {
        if (type == null) {
            return Optional.of(TICK);
        }
        for (EventType t : values()) {
            if (type.equals(t.wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The value of the "type" field; null for ticks, which have none. */
    public String wireName() {
        return wireName;
    }

    public String timeField() {
        return timeField;
    }

    /** The fields besides the event time. */
    public List<EventField> fields() {
        return fields;
    }

    /** Every field, the event time included, in the order events are written (after "type"). */
    public List<EventField> wireFields() {
        return wireFields;
    }

    /** The JSON names of every numeric field of any type (prices, amounts, tick values). */
    public static Set<String> numericFields() {
        Set<String> names = new LinkedHashSet<>();
        for (EventType type : values()) {
            type.fields.stream().filter(field -> field.kind().isNumeric()).forEach(field -> names.add(field.json()));
        }
        return names;
    }
}
