package io.tickflow.stream;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A client's subscribe or unsubscribe request, from a WebSocket frame such as
 * {"event_type":"subscribe","data_type":"trades","exchange":"binance","base_id":"BTC","quote_id":"USDT"}
 * or {"event_type":"subscribe","data_type":"trades","exchange":"binance-coinm","symbol":"BTC-USD-PERP"},
 * or from SSE query parameters. Market data is asked for by the events' normalized symbol, given
 * whole (symbol: any instrument, perpetuals and futures too) or as base_id and quote_id (the spot
 * pair BASE-QUOTE). Two requests for the same data share one {@link #key()}.
 */
public record StreamRequest(String eventType, String dataType, String exchange, String symbol, String name,
        String interval, int history, int batchMs) {

    /** data_type -> the `type` of the events it is made of (ticks carry none; candles are built from trades). */
    static final Map<String, String> EVENT_TYPES = Map.of("tickers", "tick", "trades", "trade", "quotes", "quote",
            "liquidations", "liquidation", "ohlcv", "trade");
    private static final Set<String> INTERVALS = Set.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "1d");
    /** The event contract's symbols: BASE-QUOTE, BASE-QUOTE-PERP, BASE-QUOTE-YYYYMMDD; assets of at most 20 characters. */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,20}-[A-Z0-9]{1,20}(-PERP|-[0-9]{8})?");
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9]{1,20}");

    /** A request that cannot be served, with the field at fault. */
    static final class Invalid extends RuntimeException {
        final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    /** A WebSocket frame: the SSE fields, and batch_ms (0 to maxBatchMs; 0, the default, sends each event as it comes). */
    static StreamRequest parse(JsonNode frame, int maxHistory, int maxBatchMs) {
        if (frame == null || !frame.isObject()) {
            throw new Invalid("frame", "a frame must be a JSON object such as "
                    + "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_07\"}");
        }
        StreamRequest request = of(text(frame, "event_type"), text(frame, "data_type"), text(frame, "exchange"),
                text(frame, "base_id"), text(frame, "quote_id"), text(frame, "symbol"), text(frame, "name"), text(frame, "interval"),
                text(frame, "history"), maxHistory);
        String batchMs = text(frame, "batch_ms");
        if (batchMs == null) {
            return request;
        }
        int ms = integer(batchMs);
        if (ms < 0 || ms > maxBatchMs) {
            throw new Invalid("batch_ms", "batch_ms must be an integer from 0 to " + maxBatchMs + ", was " + quoted(batchMs));
        }
        return new StreamRequest(request.eventType, request.dataType, request.exchange, request.symbol, request.name,
                request.interval, request.history, ms);
    }

    static StreamRequest of(String eventType, String dataType, String exchange, String base, String quote, String symbol,
            String name, String interval, String history, int maxHistory) {
        if (!"subscribe".equals(eventType) && !"unsubscribe".equals(eventType)) {
            throw new Invalid("event_type", "event_type must be 'subscribe' or 'unsubscribe'");
        }
        if (dataType == null || !EVENT_TYPES.containsKey(dataType)) {
            throw new Invalid("data_type", "data_type must be one of " + EVENT_TYPES.keySet() + ", was " + quoted(dataType));
        }
        if ((base == null) != (quote == null)) {
            throw new Invalid(base == null ? "base_id" : "quote_id", "base_id and quote_id go together");
        }
        if (dataType.equals("tickers") && name == null) {
            throw new Invalid("name", "a tickers subscription needs the ticker's name");
        }
        if (symbol != null && base != null) {
            throw new Invalid("symbol", "give symbol or base_id and quote_id, not both");
        }
        if (!dataType.equals("tickers") && (exchange == null || base == null && symbol == null)) {
            throw new Invalid(exchange == null ? "exchange" : "base_id", "a " + dataType
                    + " subscription needs exchange and symbol (BTC-USD-PERP), or exchange, base_id and quote_id");
        }
        if (base != null && !(ASSET.matcher(base).matches() && ASSET.matcher(quote).matches())) {
            throw new Invalid(ASSET.matcher(base).matches() ? "quote_id" : "base_id", "base_id and quote_id must be assets of"
                    + " letters and digits, at most 20 each (BTC, USDT); for a contract give symbol (BTC-USD-PERP)");
        }
        String market = symbol != null ? symbol.toUpperCase(Locale.ROOT)
                : base == null ? null : base.toUpperCase(Locale.ROOT) + "-" + quote.toUpperCase(Locale.ROOT);
        if (symbol != null && !SYMBOL.matcher(market).matches()) {
            String shown = symbol.length() > 60 ? symbol.substring(0, 60) + "..." : symbol;
            throw new Invalid("symbol", "symbol must be a symbol such as BTC-USDT, BTC-USD-PERP or BTC-USD-20250328 (assets of"
                    + " letters and digits, at most 20 each), was " + quoted(shown));
        }
        if (dataType.equals("ohlcv") && (interval == null || !INTERVALS.contains(interval))) {
            throw new Invalid("interval", "an ohlcv subscription needs an interval, one of " + INTERVALS);
        }
        int values = 0;
        if (history != null) {
            values = integer(history);
            if (values < 0 || values > maxHistory) {
                throw new Invalid("history", "history must be an integer from 0 to " + maxHistory + ", was " + quoted(history));
            }
        }
        return new StreamRequest(eventType, dataType, exchange == null ? null : exchange.toLowerCase(), market, name,
                dataType.equals("ohlcv") ? interval : null, values, 0);
    }

    /** The integer a parameter spells, or -1. */
    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Identifies the data asked for, whatever the history, batch_ms or event_type. */
    String key() {
        return dataType + "|" + exchange + "|" + symbol + "|" + name + "|" + interval;
    }

    /** The events this request wants: ticks of one name, or one type of event of one exchange and symbol. */
    String eventKey() {
        String eventType = EVENT_TYPES.get(dataType);
        return dataType.equals("tickers") ? eventType + "|" + name : eventType + "|" + exchange + "|" + symbol;
    }

    /** The key of the requests that want this event ({@link #eventKey()}). */
    static String eventKey(String eventType, JsonNode event) {
        return eventType.equals("tick") ? eventType + "|" + event.path("name").asText(null)
                : eventType + "|" + event.path("exchange").asText(null) + "|" + event.path("symbol").asText(null);
    }

    private static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
