package io.tickflow.venue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickflow.instrument.InstrumentSpec;
import io.tickflow.instrument.InstrumentType;

/**
 * What a symbol is when the instrument registry does not know it, from its spelling alone:
 * Binance spot BTCUSDT; USD-M BTCUSDT (perpetual) and BTCUSDT_250328 (future), sized in coins;
 * COIN-M BTCUSD_PERP and BTCUSD_250328, inverse, 100 USD a contract for BTC and 10 USD for the
 * others (Binance's contract specifications); BitMEX XBTUSD (perpetual), XBTZ24 and ETHUSDTH25
 * (futures with a month code, expiring on the month's last Friday), XBT_USDT (spot), where only
 * XBTUSD and the XBT/USD futures have a known size (1 USD, inverse); Bitfinex tBTCUSD and
 * tBTCF0:USTF0 (perpetual, in coins); Coinbase BTC-USD, Kraken XBT/USD. A symbol none of these
 * read is an unknown symbol.
 */
final class InstrumentRules {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd");
    private static final Pattern BITMEX_FUTURE = Pattern.compile("([A-Z0-9]+?)([FGHJKMNQUVXZ])(\\d\\d)");
    private static final String MONTH_CODES = "FGHJKMNQUVXZ";
    private static final BigDecimal USD_1 = BigDecimal.ONE;

    private InstrumentRules() {
    }

    static InstrumentSpec binanceSpot(String exchange, String raw) {
        String[] pair = Symbols.split(raw, Symbols.BINANCE_QUOTES);
        return spec(() -> InstrumentSpec.spot(exchange, raw, pair[0], pair[1]), raw);
    }

    static InstrumentSpec binanceUsdm(String exchange, String raw) {
        String[] parts = raw.split("_", -1);
        if (parts.length > 2) {
            throw unknown(raw);
        }
        String[] pair = Symbols.split(parts[0], Symbols.BINANCE_QUOTES);
        LocalDate expiry = parts.length == 2 ? yymmdd(parts[1], raw) : null;
        return spec(() -> new InstrumentSpec(exchange, raw, pair[0], pair[1], pair[1],
                expiry == null ? InstrumentType.PERPETUAL : InstrumentType.FUTURE, expiry, BigDecimal.ONE, false, null, null), raw);
    }

    static InstrumentSpec binanceCoinm(String exchange, String raw) {
        String[] parts = raw.split("_", -1);
        if (parts.length != 2 || !parts[0].endsWith("USD") || parts[0].length() <= 3) {
            throw unknown(raw);
        }
        String base = parts[0].substring(0, parts[0].length() - 3);
        LocalDate expiry = parts[1].equals("PERP") ? null : yymmdd(parts[1], raw);
        BigDecimal size = BigDecimal.valueOf(base.equals("BTC") ? 100 : 10);
        return spec(() -> new InstrumentSpec(exchange, raw, base, "USD", base,
                expiry == null ? InstrumentType.PERPETUAL : InstrumentType.FUTURE, expiry, size, true, null, null), raw);
    }

    static InstrumentSpec bitmex(String exchange, String raw) {
        String upper = raw.trim();
        if (upper.contains("_")) {
            String[] pair = upper.split("_", -1);
            if (pair.length != 2) {
                throw unknown(raw);
            }
            return spec(() -> InstrumentSpec.spot(exchange, raw, pair[0], pair[1]), raw);
        }
        Matcher future = BITMEX_FUTURE.matcher(upper);
        String[] pair;
        LocalDate expiry = null;
        if (future.matches()) {
            pair = bitmexFuturePair(future.group(1));
            YearMonth month = YearMonth.of(2000 + Integer.parseInt(future.group(3)), MONTH_CODES.indexOf(future.group(2)) + 1);
            expiry = month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
        } else {
            pair = Symbols.split(upper, Symbols.BITMEX_QUOTES);
        }
        boolean inverseBitcoin = pair[0].equals("XBT") && pair[1].equals("USD");
        LocalDate expiryDay = expiry;
        return spec(() -> new InstrumentSpec(exchange, raw, pair[0], pair[1], inverseBitcoin ? "XBT" : null,
                expiryDay == null ? InstrumentType.PERPETUAL : InstrumentType.FUTURE, expiryDay,
                inverseBitcoin ? USD_1 : null, inverseBitcoin, null, null), raw);
    }

    /** XBT -> XBT/USD, ETHUSDT -> ETH/USDT, XRP -> XRP/XBT (BitMEX's altcoin futures are quoted in bitcoin). */
    private static String[] bitmexFuturePair(String prefix) {
        for (String quote : Symbols.BITMEX_QUOTES) {
            if (prefix.length() > quote.length() && prefix.endsWith(quote)) {
                return new String[] {prefix.substring(0, prefix.length() - quote.length()), quote};
            }
        }
        return new String[] {prefix, prefix.equals("XBT") ? "USD" : "XBT"};
    }

    /** tBTCUSD, tAAVE:USD; tBTCF0:USTF0 is the perpetual. */
    static InstrumentSpec bitfinex(String exchange, String raw) {
        if (raw == null || !raw.startsWith("t") || raw.length() < 7) {
            throw unknown(raw);
        }
        String pair = raw.substring(1);
        String[] parts = pair.contains(":") ? pair.split(":", -1) : new String[] {pair.substring(0, 3), pair.substring(3)};
        if (parts.length != 2) {
            throw unknown(raw);
        }
        if (parts[0].endsWith("F0") && parts[1].endsWith("F0")) {
            String base = parts[0].substring(0, parts[0].length() - 2);
            String quote = parts[1].substring(0, parts[1].length() - 2);
            return spec(() -> new InstrumentSpec(exchange, raw, base, quote, quote, InstrumentType.PERPETUAL, null,
                    BigDecimal.ONE, false, null, null), raw);
        }
        return spec(() -> InstrumentSpec.spot(exchange, raw, parts[0], parts[1]), raw);
    }

    static InstrumentSpec separated(String exchange, String raw, String separator) {
        String[] pair = Symbols.splitSeparated(raw, separator);
        return spec(() -> InstrumentSpec.spot(exchange, raw, pair[0], pair[1]), raw);
    }

    private static LocalDate yymmdd(String text, String raw) {
        try {
            return LocalDate.parse(text, YYMMDD);
        } catch (DateTimeParseException e) {
            throw unknown(raw);
        }
    }

    private static InstrumentSpec spec(java.util.function.Supplier<InstrumentSpec> spec, String raw) {
        try {
            return spec.get();
        } catch (IllegalArgumentException e) {
            throw unknown(raw);
        }
    }

    static BadFrame unknown(String raw) {
        return new BadFrame("unknown symbol " + raw);
    }
}
