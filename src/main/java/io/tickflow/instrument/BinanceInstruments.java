package io.tickflow.instrument;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Binance's exchangeInfo answers: spot ({@code /api/v3/exchangeInfo}), USD-M
 * ({@code /fapi/v1/exchangeInfo}, linear, sized in coins) and COIN-M ({@code /dapi/v1/exchangeInfo},
 * inverse, {@code contractSize} USD a contract). Tick size from PRICE_FILTER, lot size from LOT_SIZE.
 * A futures symbol without a contract type (delivered, or not yet listed) is left out.
 */
public final class BinanceInstruments {

    private BinanceInstruments() {
    }

    public static void spot(String exchange, JsonNode body, InstrumentRows rows) {
        for (JsonNode s : InstrumentJson.array(body, "symbols")) {
            rows.read(s.path("symbol").asText(null), s, row -> new InstrumentSpec(exchange, InstrumentJson.text(row, "symbol"),
                    InstrumentJson.text(row, "baseAsset"), InstrumentJson.text(row, "quoteAsset"), InstrumentJson.text(row, "quoteAsset"),
                    InstrumentType.SPOT, null, BigDecimal.ONE, false, filter(row, "PRICE_FILTER", "tickSize"),
                    filter(row, "LOT_SIZE", "stepSize")));
        }
    }

    public static void usdm(String exchange, JsonNode body, InstrumentRows rows) {
        futures(exchange, body, false, rows);
    }

    public static void coinm(String exchange, JsonNode body, InstrumentRows rows) {
        futures(exchange, body, true, rows);
    }

    private static void futures(String exchange, JsonNode body, boolean inverse, InstrumentRows rows) {
        for (JsonNode s : InstrumentJson.array(body, "symbols")) {
            rows.read(s.path("symbol").asText(null), s, row -> future(exchange, row, inverse));
        }
    }

    private static InstrumentSpec future(String exchange, JsonNode s, boolean inverse) {
        String contractType = s.path("contractType").asText("");
        if (contractType.isEmpty()) {
            return null;
        }
        // PERPETUAL, PERPETUAL_DELIVERING, TRADIFI_PERPETUAL: no expiry (their deliveryDate is a far-off placeholder)
        boolean perpetual = contractType.contains("PERPETUAL");
        LocalDate expiry = perpetual ? null
                : Instant.ofEpochMilli(InstrumentJson.number(s, "deliveryDate").longValueExact()).atZone(ZoneOffset.UTC).toLocalDate();
        BigDecimal size = inverse ? InstrumentJson.number(s, "contractSize") : BigDecimal.ONE;
        return new InstrumentSpec(exchange, InstrumentJson.text(s, "symbol"), InstrumentJson.text(s, "baseAsset"),
                InstrumentJson.text(s, "quoteAsset"), InstrumentJson.text(s, "marginAsset"),
                perpetual ? InstrumentType.PERPETUAL : InstrumentType.FUTURE, expiry, size, inverse,
                filter(s, "PRICE_FILTER", "tickSize"), filter(s, "LOT_SIZE", "stepSize"));
    }

    private static BigDecimal filter(JsonNode symbol, String type, String field) {
        for (JsonNode f : symbol.path("filters")) {
            if (type.equals(f.path("filterType").asText())) {
                return InstrumentJson.decimalOrNull(f, field);
            }
        }
        return null;
    }
}
