package io.tickflow.instrument;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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

    public static List<InstrumentSpec> spot(String exchange, JsonNode body) {
        List<InstrumentSpec> found = new ArrayList<>();
        for (JsonNode s : InstrumentJson.array(body, "symbols")) {
            found.add(new InstrumentSpec(exchange, InstrumentJson.text(s, "symbol"), InstrumentJson.text(s, "baseAsset"),
                    InstrumentJson.text(s, "quoteAsset"), InstrumentJson.text(s, "quoteAsset"), InstrumentType.SPOT, null,
                    BigDecimal.ONE, false, filter(s, "PRICE_FILTER", "tickSize"), filter(s, "LOT_SIZE", "stepSize")));
        }
        return found;
    }

    public static List<InstrumentSpec> usdm(String exchange, JsonNode body) {
        return futures(exchange, body, false);
    }

    public static List<InstrumentSpec> coinm(String exchange, JsonNode body) {
        return futures(exchange, body, true);
    }

    private static List<InstrumentSpec> futures(String exchange, JsonNode body, boolean inverse) {
        List<InstrumentSpec> found = new ArrayList<>();
        for (JsonNode s : InstrumentJson.array(body, "symbols")) {
            String contractType = s.path("contractType").asText("");
            if (contractType.isEmpty()) {
                continue;
            }
            // PERPETUAL, PERPETUAL_DELIVERING, TRADIFI_PERPETUAL: no expiry (their deliveryDate is a far-off placeholder)
            boolean perpetual = contractType.contains("PERPETUAL");
            LocalDate expiry = perpetual ? null
                    : Instant.ofEpochMilli(InstrumentJson.number(s, "deliveryDate").longValueExact()).atZone(ZoneOffset.UTC).toLocalDate();
            BigDecimal size = inverse ? InstrumentJson.number(s, "contractSize") : BigDecimal.ONE;
            found.add(new InstrumentSpec(exchange, InstrumentJson.text(s, "symbol"), InstrumentJson.text(s, "baseAsset"),
                    InstrumentJson.text(s, "quoteAsset"), InstrumentJson.text(s, "marginAsset"),
                    perpetual ? InstrumentType.PERPETUAL : InstrumentType.FUTURE, expiry, size, inverse,
                    filter(s, "PRICE_FILTER", "tickSize"), filter(s, "LOT_SIZE", "stepSize")));
        }
        return found;
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
