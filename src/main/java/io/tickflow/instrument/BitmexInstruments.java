package io.tickflow.instrument;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * BitMEX's {@code GET /api/v1/instrument/active}: perpetuals (typ FFWCSX), dated futures (FFCCSX)
 * and spot pairs (IFXXXP); the rest (options, indices, swaps of other kinds) is left out. One
 * contract is: for an inverse contract |multiplier| of the settlement currency's smallest unit
 * (XBt, a hundred-millionth) worth of quote currency (XBTUSD: 1 USD); for a linear one
 * 1/underlyingToPositionMultiplier of the base (XBTUSDT: 0.000001 XBT), 1 when that is absent;
 * for a quanto contract no fixed amount (null: base amounts come from homeNotional).
 */
public final class BitmexInstruments {

    private static final BigDecimal SATOSHIS = BigDecimal.valueOf(100_000_000L);

    private BitmexInstruments() {
    }

    public static void parse(String exchange, JsonNode body, InstrumentRows rows) {
        if (!body.isArray()) {
            throw new IllegalArgumentException("not a list of instruments");
        }
        for (JsonNode i : body) {
            rows.read(i.path("symbol").asText(null), i, row -> {
                InstrumentType type = switch (row.path("typ").asText()) {
                    case "FFWCSX" -> InstrumentType.PERPETUAL;
                    case "FFCCSX" -> InstrumentType.FUTURE;
                    case "IFXXXP" -> InstrumentType.SPOT;
                    default -> null;
                };
                return type == null ? null : spec(exchange, row, type);
            });
        }
    }

    private static InstrumentSpec spec(String exchange, JsonNode i, InstrumentType type) {
        boolean inverse = i.path("isInverse").asBoolean(false);
        LocalDate expiry = type == InstrumentType.FUTURE
                ? Instant.parse(InstrumentJson.text(i, "expiry")).atZone(ZoneOffset.UTC).toLocalDate() : null;
        BigDecimal size;
        if (i.path("isQuanto").asBoolean(false)) {
            size = null;
        } else if (inverse) {
            size = InstrumentJson.plain(InstrumentJson.number(i, "multiplier").abs().divide(SATOSHIS, MathContext.DECIMAL128));
        } else {
            BigDecimal perBase = InstrumentJson.decimalOrNull(i, "underlyingToPositionMultiplier");
            size = perBase == null ? BigDecimal.ONE : InstrumentJson.plain(BigDecimal.ONE.divide(perBase, MathContext.DECIMAL128));
        }
        String settle = i.path("settlCurrency").asText("");
        return new InstrumentSpec(exchange, InstrumentJson.text(i, "symbol"), InstrumentJson.text(i, "underlying"),
                InstrumentJson.text(i, "quoteCurrency"), settle.isEmpty() ? null : settle, type, expiry, size, inverse,
                InstrumentJson.decimalOrNull(i, "tickSize"), InstrumentJson.decimalOrNull(i, "lotSize"));
    }
}
