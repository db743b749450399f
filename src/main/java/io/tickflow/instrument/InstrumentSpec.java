package io.tickflow.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * One instrument of one exchange. base, quote and settle are normalized assets (XBT is BTC).
 * contractSize is what one unit of the exchange's size is worth: in the base asset for a linear
 * instrument (1 for spot and for venues that size in coins), in the quote asset for an inverse
 * one (Binance COIN-M BTCUSD_PERP: 100 USD); null where it is not a fixed amount of either
 * (BitMEX quanto contracts), so base amounts come from the exchange's own notional instead.
 * tickSize and lotSize may be null where the source does not give them.
 */
public record InstrumentSpec(String exchange, String rawSymbol, String base, String quote, String settle,
        InstrumentType type, LocalDate expiry, BigDecimal contractSize, boolean inverse, BigDecimal tickSize,
        BigDecimal lotSize) {

    /** The scale of the DECIMAL(38, 18) columns: a computed amount is rounded to it, half even. */
    public static final int SCALE = 18;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, String> ALIASES = Map.of("XBT", "BTC", "XDG", "DOGE", "UST", "USDT");

    public InstrumentSpec {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(rawSymbol, "rawSymbol");
        Objects.requireNonNull(type, "type");
        base = asset(base);
        quote = asset(quote);
        settle = settle == null ? null : asset(settle);
        if ((type == InstrumentType.FUTURE) != (expiry != null)) {
            throw new IllegalArgumentException(rawSymbol + ": a future has an expiry, nothing else has");
        }
        if (contractSize != null && contractSize.signum() <= 0) {
            throw new IllegalArgumentException(rawSymbol + ": contract size must be positive, was " + contractSize);
        }
    }

    /** A spot pair: amounts are in the base asset. */
    public static InstrumentSpec spot(String exchange, String rawSymbol, String base, String quote) {
        return new InstrumentSpec(exchange, rawSymbol, base, quote, quote, InstrumentType.SPOT, null, BigDecimal.ONE, false,
                null, null);
    }

    /**
     * The normalized symbol, one scheme for every venue: spot BASE-QUOTE (BTC-USDT), perpetuals
     * BASE-QUOTE-PERP (BTC-USD-PERP), dated futures BASE-QUOTE-YYYYMMDD of the expiry day in UTC
     * (BTC-USD-20250328).
     */
    public String symbol() {
        String pair = base + "-" + quote;
        return switch (type) {
            case SPOT -> pair;
            case PERPETUAL -> pair + "-PERP";
            case FUTURE -> pair + "-" + EXPIRY.format(expiry);
        };
    }

    /**
     * The size in the base asset of an amount in this instrument's units at a price: amount x
     * contract size (linear), {@link #quoteAmount} / price (inverse), rounded half even to 18
     * decimals where it does not end before; null when the contract size is not known or it rounds
     * to zero.
     */
    public BigDecimal baseAmount(BigDecimal amount, BigDecimal price) {
        if (contractSize == null) {
            return null;
        }
        BigDecimal base = inverse ? amount.multiply(contractSize).divide(price, SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros()
                : amount.multiply(contractSize);
        return fitted(base);
    }

    /**
     * The size in the quote asset where the contract fixes it: an inverse contract is worth its
     * contract size in the quote asset, so amount x contract size, exactly (Binance COIN-M: 3
     * BTCUSD_PERP are 300 USD); null for a linear instrument (its quote value depends on the price)
     * or an unknown contract size.
     */
    public BigDecimal quoteAmount(BigDecimal amount) {
        return inverse && contractSize != null ? fitted(amount.multiply(contractSize)) : null;
    }

    /** The value at most 18 decimals long (rounded half even), or null when that leaves nothing above zero. */
    public static BigDecimal fitted(BigDecimal value) {
        BigDecimal fitted = value.scale() > SCALE ? value.setScale(SCALE, RoundingMode.HALF_EVEN) : value;
        return fitted.signum() > 0 ? fitted : null;
    }

    private static String asset(String name) {
        if (name == null || name.isBlank() || !name.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("not an asset name: " + name);
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return ALIASES.getOrDefault(upper, upper);
    }
}
