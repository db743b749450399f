package io.tickflow.instrument;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Coinbase Exchange's {@code GET /products}: a list of spot products (id BTC-USD, base_currency,
 * quote_currency), sized in the base currency; tick size from quote_increment, lot size from
 * base_increment.
 */
public final class CoinbaseInstruments {

    private CoinbaseInstruments() {
    }

    public static void parse(String exchange, JsonNode body, InstrumentRows rows) {
        if (!body.isArray()) {
            throw new IllegalArgumentException("not a list of products");
        }
        for (JsonNode p : body) {
            rows.read(p.path("id").asText(null), p, row -> new InstrumentSpec(exchange, InstrumentJson.text(row, "id"),
                    InstrumentJson.text(row, "base_currency"), InstrumentJson.text(row, "quote_currency"),
                    InstrumentJson.text(row, "quote_currency"), InstrumentType.SPOT, null, BigDecimal.ONE, false,
                    InstrumentJson.decimalOrNull(row, "quote_increment"), InstrumentJson.decimalOrNull(row, "base_increment")));
        }
    }
}
