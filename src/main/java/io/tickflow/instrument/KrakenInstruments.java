package io.tickflow.instrument;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kraken's {@code GET /0/public/AssetPairs}: {@code {"error":[],"result":{"XXBTZUSD":{..}}}}. The
 * feeds (WebSocket v1) name a pair by its wsname (XBT/USD), and so does the registry; base and
 * quote come from the wsname, as Kraken's own asset codes (XXBT, ZUSD) carry class prefixes. A pair
 * without a wsname (not on the WebSocket API) is left out. Spot, sized in the base asset; tick size
 * from tick_size (else 10^-pair_decimals), lot size 10^-lot_decimals.
 */
public final class KrakenInstruments {

    private KrakenInstruments() {
    }

    public static void parse(String exchange, JsonNode body, InstrumentRows rows) {
        JsonNode error = body.path("error");
        if (error.isArray() && !error.isEmpty()) {
            throw new IllegalArgumentException("Kraken error " + error);
        }
        JsonNode result = body.path("result");
        if (!result.isObject()) {
            throw new IllegalArgumentException("no object \"result\" in the answer");
        }
        for (Iterator<Map.Entry<String, JsonNode>> pairs = result.fields(); pairs.hasNext();) {
            JsonNode p = pairs.next().getValue();
            rows.read(p.path("wsname").asText(null), p, row -> pair(exchange, row));
        }
    }

    private static InstrumentSpec pair(String exchange, JsonNode row) {
        if (row.path("wsname").asText("").isEmpty()) {
            return null;
        }
        String wsname = InstrumentJson.text(row, "wsname");
        String[] assets = wsname.split("/", -1);
        if (assets.length != 2) {
            throw new IllegalArgumentException("not a pair: " + wsname);
        }
        BigDecimal tick = InstrumentJson.decimalOrNull(row, "tick_size");
        return new InstrumentSpec(exchange, wsname, assets[0], assets[1], assets[1], InstrumentType.SPOT, null, BigDecimal.ONE,
                false, tick != null ? tick : decimals(row, "pair_decimals"), decimals(row, "lot_decimals"));
    }

    /** 10^-n for a field n, or null without it. */
    private static BigDecimal decimals(JsonNode row, String field) {
        JsonNode n = row.path(field);
        return n.canConvertToInt() && n.isIntegralNumber() ? BigDecimal.ONE.scaleByPowerOfTen(-n.intValue()) : null;
    }
}
