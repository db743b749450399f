package io.tickflow.instrument;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bitfinex's configs {@code GET /v2/conf/pub:info:pair,pub:info:pair:futures}: one list per
 * config asked for, each of {@code [PAIR, [.., MIN_ORDER_SIZE, MAX_ORDER_SIZE, ..]]}. A pair is
 * BTCUSD or, with a longer asset name, AAVE:USD; a derivative pair BTCF0:USTF0 is a perpetual sized
 * in coins (linear, 1). The feeds name a pair with a leading t (tBTCUSD), and so does the registry.
 * Bitfinex prices have five significant digits rather than a tick, and there is no lot size: both
 * are left empty.
 */
public final class BitfinexInstruments {

    private BitfinexInstruments() {
    }

    public static void parse(String exchange, JsonNode body, InstrumentRows rows) {
        if (!body.isArray() || body.isEmpty()) {
            throw new IllegalArgumentException("not a list of pair lists");
        }
        for (JsonNode list : body) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("not a list of pair lists");
            }
            for (JsonNode entry : list) {
                String pair = entry.path(0).isTextual() ? entry.path(0).asText() : null;
                rows.read(pair == null ? null : "t" + pair, entry, row -> pair(exchange, row));
            }
        }
    }

    private static InstrumentSpec pair(String exchange, JsonNode row) {
        if (!row.path(0).isTextual() || !row.path(1).isArray()) {
            throw new IllegalArgumentException("not [PAIR, [INFO]]");
        }
        String pair = row.path(0).asText();
        String[] parts = pair.contains(":") ? pair.split(":", -1)
                : pair.length() == 6 ? new String[] {pair.substring(0, 3), pair.substring(3)} : null;
        if (parts == null || parts.length != 2) {
            throw new IllegalArgumentException("not a pair: " + pair);
        }
        String raw = "t" + pair;
        if (parts[0].endsWith("F0") && parts[1].endsWith("F0")) {
            String base = parts[0].substring(0, parts[0].length() - 2);
            String quote = parts[1].substring(0, parts[1].length() - 2);
            return new InstrumentSpec(exchange, raw, base, quote, quote, InstrumentType.PERPETUAL, null, BigDecimal.ONE, false,
                    null, null);
        }
        return InstrumentSpec.spot(exchange, raw, parts[0], parts[1]);
    }
}
