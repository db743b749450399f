package io.tickflow.venue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;


/**
 * Bitfinex v2 public channels: conf flags 65536 (every data array ends with a sequence number),
 * then one subscribe per symbol (trades: symbol tBTCUSD; candles: key trade:1m:tBTCUSD).
 * Bitfinex allows 25 channels per connection.
 */
public final class BitfinexProtocol implements ExchangeProtocol {

    private static final int MAX_CHANNELS = 25;

    private final String channel;
    private final List<String> symbols;
    private final String interval;

    public BitfinexProtocol(String channel, List<String> symbols, String interval) {
        if (!List.of("trades", "candles").contains(channel)) {
            throw new IllegalArgumentException("Bitfinex channel must be trades or candles: " + channel);
        }
        if (symbols.isEmpty() || symbols.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException("Bitfinex takes 1 to " + MAX_CHANNELS + " symbols per connection, got " + symbols.size());
        }
        this.channel = channel;
        this.symbols = symbols;
        this.interval = interval;
    }

    @Override
    public URI uri(String url) {
        return URI.create(url);
    }

    @Override
    public List<String> subscriptions() {
        List<String> messages = new ArrayList<>();
        messages.add("{\"event\":\"conf\",\"flags\":65536}");
        for (String symbol : symbols) {
            messages.add(channel.equals("trades")
                    ? "{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"" + symbol + "\"}"
                    : "{\"event\":\"subscribe\",\"channel\":\"candles\",\"key\":\"trade:" + interval + ":" + symbol + "\"}");
        }
        return messages;
    }

    @Override
    public String clientPing() {
        return "{\"event\":\"ping\"}";
    }

    @Override
    public FrameNormalizer newNormalizer() {
        return new BitfinexNormalizer();
    }
}
