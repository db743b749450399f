package io.tickflow.venue;

import java.util.List;
import java.util.Locale;

/** Exchange symbols split into their base and quote assets, as the exchange spells them (aliases such as XBT are the instrument's business). */
final class Symbols {

    /** Binance quote assets, recognised at the end of concatenated symbols (BTCUSDT), longest first. */
    static final List<String> BINANCE_QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDS",
            "BIDR", "DAI", "EUR", "GBP", "TRY", "BRL", "AUD", "JPY", "UAH", "RUB", "BTC", "ETH", "BNB");

    /** BitMEX quote assets; BitMEX has no TUSD, so XBTUSD is XBT/USD, not XB/TUSD. */
    static final List<String> BITMEX_QUOTES = List.of("USDT", "USDC", "USD", "EUR", "XBT", "ETH");

    private Symbols() {
    }

    /** BTCUSDT -> [BTC, USDT]; a symbol with no known quote asset is a bad frame. */
    static String[] split(String raw, List<String> quotes) {
        String upper = checked(raw).toUpperCase(Locale.ROOT);
        for (String quote : quotes) {
            if (upper.length() > quote.length() && upper.endsWith(quote)) {
                return pair(upper.substring(0, upper.length() - quote.length()), quote, raw);
            }
        }
        throw InstrumentRules.unknown(raw);
    }

    /** XBT/USD or BTC-USD or AAVE:USD -> [XBT, USD]. */
    static String[] splitSeparated(String raw, String separator) {
        String text = checked(raw).toUpperCase(Locale.ROOT);
        int at = text.indexOf(separator);
        if (at <= 0 || at == text.length() - separator.length() || text.indexOf(separator, at + 1) >= 0) {
            throw InstrumentRules.unknown(raw);
        }
        return pair(text.substring(0, at), text.substring(at + separator.length()), raw);
    }

    private static String[] pair(String base, String quote, String raw) {
        if (!base.chars().allMatch(Character::isLetterOrDigit) || !quote.chars().allMatch(Character::isLetterOrDigit)) {
            throw InstrumentRules.unknown(raw);
        }
        return new String[] {base, quote};
    }

    private static String checked(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadFrame("missing symbol");
        }
        return raw.trim();
    }
}
