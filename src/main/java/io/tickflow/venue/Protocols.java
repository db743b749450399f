package io.tickflow.venue;

import java.util.List;


/** The protocol of a feed endpoint by its exchange name (binance, binance-usdm, bitmex, ...). */
public final class Protocols {

    private Protocols() {
    }

    public static ExchangeProtocol create(String exchange, String channel, List<String> symbols, String interval) {
        return switch (exchange) {
            case "binance", "binance-usdm" -> new BinanceProtocol(exchange, channel, symbols, interval);
            case "bitmex" -> new BitmexProtocol(channel, symbols);
            case "bitfinex" -> new BitfinexProtocol(channel, symbols, interval);
            case "coinbase" -> new CoinbaseProtocol(channel, symbols);
            case "kraken" -> new KrakenProtocol(channel, symbols);
            default -> throw new IllegalArgumentException("unknown exchange " + exchange);
        };
    }
}
