package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An instrument the market simulator can trade, with the figures that make it look real: tick
 * and lot size (close to Binance USD-M's), a start price near its level in early 2026, the median trade
 * size, the hourly volatility of its price, and its share of all trades.
 */
record MarketInstrument(String symbol, BigDecimal tickSize, BigDecimal lotSize, BigDecimal startPrice,
        BigDecimal medianSize, double hourlyVolatility, double weight) {

    private static final Map<String, MarketInstrument> KNOWN = catalogue(
            new MarketInstrument("BTC-USDT", dec("0.1"), dec("0.001"), dec("90000"), dec("0.01"), 0.005, 0.35),
            new MarketInstrument("ETH-USDT", dec("0.01"), dec("0.001"), dec("3000"), dec("0.2"), 0.007, 0.25),
            new MarketInstrument("SOL-USDT", dec("0.01"), dec("0.01"), dec("150"), dec("2"), 0.009, 0.15),
            new MarketInstrument("XRP-USDT", dec("0.0001"), dec("0.1"), dec("2"), dec("300"), 0.009, 0.15),
            new MarketInstrument("LINK-USDT", dec("0.001"), dec("0.01"), dec("15"), dec("20"), 0.01, 0.10));

    /** The instruments a comma-separated list names; an empty or unknown name is refused, naming the known ones. */
    static List<MarketInstrument> named(String csv) {
        List<String> names = Arrays.stream(csv == null ? new String[0] : csv.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("tickflow.market-simulator.symbols names no instrument; known: " + KNOWN.keySet());
        }
        return names.stream().map(name -> {
            MarketInstrument instrument = KNOWN.get(name);
            if (instrument == null) {
                throw new IllegalArgumentException("tickflow.market-simulator.symbols names " + name
                        + ", which the market simulator does not know; known: " + KNOWN.keySet());
            }
            return instrument;
        }).toList();
    }

    /**
     * A size of median × multiple scattered log-normally (dispersion is the sigma of its
     * logarithm, cut at 4 sigma so no size is absurd), in whole lots, at least one.
     */
    BigDecimal size(Random random, double multiple, double dispersion) {
        double gaussian = Math.max(-4, Math.min(4, random.nextGaussian()));
        double lots = medianSize.doubleValue() * multiple * Math.exp(dispersion * gaussian) / lotSize.doubleValue();
        return lotSize.multiply(BigDecimal.valueOf(Math.max(1, Math.round(lots))));
    }

    private static Map<String, MarketInstrument> catalogue(MarketInstrument... instruments) {
        Map<String, MarketInstrument> known = new LinkedHashMap<>();
        for (MarketInstrument instrument : instruments) {
            known.put(instrument.symbol(), instrument);
        }
        return known;
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
