package io.tickflow.venue;

import java.util.List;

import io.tickflow.instrument.InstrumentLookup;


/** The protocol of a feed endpoint by its exchange name (binance, binance-usdm, binance-coinm, bitmex, ...). */
public final class Protocols {

    private Protocols() {
    }

    /** registry: the instruments the normalizers look up before the built-in symbol rules. */
    public static ExchangeProtocol create(String exchange, String channel, List<String> symbols, String interval,
            InstrumentLookup registry) {
        Instruments instruments = Instruments.of(exchange, registry);
        return switch (exchange) {
            case "binance", "binance-usdm", "binance-coinm" -> new BinanceProtocol(instruments, channel, symbols, interval);
            case "bitmex" -> new BitmexProtocol(instruments, channel, symbols);
            case "bitfinex" -> new BitfinexProtocol(instruments, channel, symbols, interval);
            case "coinbase" -> new CoinbaseProtocol(instruments, channel, symbols);
            case "kraken" -> new KrakenProtocol(instruments, channel, symbols);
            default -> throw new IllegalArgumentException("unknown exchange " + exchange);
        };
    }
}
