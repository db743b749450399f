package io.tickflow.venue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Exchange symbols to normalized BASE-QUOTE, with each exchange's own asset aliases. */
public final class Symbols {

    /** Binance quote assets, recognised at the end of concatenated symbols (BTCUSDT), longest first. */
    public static final List<String> BINANCE_QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDS",
            "BIDR", "DAI", "EUR", "GBP", "TRY", "BRL", "AUD", "JPY", "UAH", "RUB", "BTC", "ETH", "BNB");

    /** BitMEX quote assets; BitMEX has no TUSD, so XBTUSD is XBT/USD, not XB/TUSD. */
    public static final List<String> BITMEX_QUOTES = List.of("USDT", "USDC", "USD", "EUR", "XBT", "ETH");

    /** BitMEX and Kraken call bitcoin XBT (and Kraken dogecoin XDG); Bitfinex calls tether UST. */
    private static final Map<String, String> ALIASES = Map.of("XBT", "BTC", "XDG", "DOGE", "UST", "USDT");

    private Symbols() {
    }

    /** BTCUSDT -> BTC-USDT; a symbol with no known quote asset is a bad frame. */
    public static String concatenated(String raw, List<String> quotes) {
        String upper = checked(raw).toUpperCase(Locale.ROOT);
        for (String quote : quotes) {
            if (upper.length() > quote.length() && upper.endsWith(quote)) {
                return pair(upper.substring(0, upper.length() - quote.length()), quote);
            }
        }
        throw new BadFrame("unknown symbol " + raw);
    }

    /** XBT/USD or BTC-USD or AAVE:USD -> BTC-USD. */
    public static String separated(String raw, String separator) {
        String text = checked(raw).toUpperCase(Locale.ROOT);
        int at = text.indexOf(separator);
        if (at <= 0 || at == text.length() - separator.length() || text.indexOf(separator, at + 1) >= 0) {
            throw new BadFrame("unknown symbol " + raw);
        }
        return pair(text.substring(0, at), text.substring(at + separator.length()));
    }

    private static String pair(String base, String quote) {
        if (!base.chars().allMatch(Character::isLetterOrDigit) || !quote.chars().allMatch(Character::isLetterOrDigit)) {
            throw new BadFrame("unknown symbol " + base + "/" + quote);
        }
        return ALIASES.getOrDefault(base, base) + "-" + ALIASES.getOrDefault(quote, quote);
    }

    private static String checked(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadFrame("missing symbol");
        }
        return raw.trim();
    }
}
